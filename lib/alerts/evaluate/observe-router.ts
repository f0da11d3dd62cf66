import { imbalance } from "../../metrics/imbalance";
import { UNMARKED_EXPLANATION } from "../rules";
import type { Observation, RuleKind } from "../types";

export type RouterFacts = {
  status: string;
  enabled: boolean;
  pollIntervalSec: number;
  lastPollAt: Date | null;
  /** Scheduled time of the last poll attempt, stored or failed (a failed poll counts as an attempt). */
  lastAttemptAt: Date | null;
  createdAt: Date;
  lastError: string | null;
};

export type WanFacts = {
  name: string;
  interface: string;
  expectedWeight: number;
  connections: number;
  rxBps: number | null;
  txBps: number | null;
  routeActive: boolean;
  running: boolean;
};

export type LatestSamples = {
  ts: Date;
  wans: WanFacts[];
  newConnectionsTotal: number | null;
  newConnectionsUnmarked: number | null;
};

export type DualListedClient = { address: string; lists: string[]; since: Date | null };

/** Below these, shares are noise: a handful of connections says nothing about balance. */
export const MIN_CONNECTIONS_FOR_SHARE = 20;
export const MIN_BPS_FOR_SHARE = 64_000;
export const MIN_NEW_CONNECTIONS_FOR_SHARE = 20;

const FAILING = new Set(["unreachable", "timed_out", "error"]);
export const SAMPLE_RULES: ReadonlySet<RuleKind> = new Set(["imbalance", "dual_listed", "gateway_down", "unmarked_share"]);

/** Samples describe the router now only if its last poll succeeded and is recent. */
export function samplesAreFresh(options: { router: RouterFacts; latest: LatestSamples | null; now: Date }): boolean {
  const { router, latest, now } = options;
  if (!latest || router.status !== "ok" || !router.lastPollAt) return false;
  if (latest.ts.getTime() < router.lastPollAt.getTime()) return false;
  return now.getTime() - latest.ts.getTime() <= 2 * router.pollIntervalSec * 1000;
}

/** Poll intervals since the router's last attempt: a stored poll, or a failed one (it writes the row). */
export function staleness(options: {
  router: Pick<RouterFacts, "lastPollAt" | "createdAt" | "lastAttemptAt" | "pollIntervalSec">;
  now: Date;
}): { lastAttempt: number; intervals: number } {
  const { router, now } = options;
  // Poll times, never the row's updated_at: that is wall time, and an admin's edit would hide staleness.
  const lastAttempt = Math.max(router.lastPollAt?.getTime() ?? router.createdAt.getTime(), router.lastAttemptAt?.getTime() ?? 0);
  return { lastAttempt, intervals: Math.max(0, (now.getTime() - lastAttempt) / (router.pollIntervalSec * 1000)) };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * What the router's latest facts say for each rule, as values for the transition function. Subjects
 * that are tracked (a condition or open alert) but no longer observed get 0 when the data is fresh
 * (the problem went away) and null otherwise (cannot tell).
 */
export function observeRouter(options: {
  router: RouterFacts;
  latest: LatestSamples | null;
  dualListed: DualListedClient[];
  tracked: { rule: RuleKind; subject: string }[];
  rules: ReadonlySet<RuleKind>;
  now: Date;
}): Observation[] {
  const { router, latest, now, rules } = options;
  const out: Observation[] = [];
  const fresh = samplesAreFresh({ router, latest, now });
  const known = router.status !== "unknown";

  if (rules.has("router_unreachable")) {
    const failing = FAILING.has(router.status);
    out.push({
      rule: "router_unreachable",
      subject: "",
      value: known ? (failing ? 1 : 0) : null,
      message: failing
        ? `Router does not answer (${router.status.replace("_", " ")}): ${router.lastError ?? "no error recorded"}`
        : "Router answers again",
    });
  }
  if (rules.has("auth_failed")) {
    const failed = router.status === "auth_failed";
    out.push({
      rule: "auth_failed",
      subject: "",
      value: known ? (failed ? 1 : 0) : null,
      message: failed ? `Router refuses the login: ${router.lastError ?? "authentication failed"}` : "Login works again",
    });
  }
  if (rules.has("stale")) {
    const { lastAttempt, intervals } = staleness({ router, now });
    out.push({
      rule: "stale",
      subject: "",
      value: intervals,
      message: `No poll for ${Math.round((now.getTime() - lastAttempt) / 1000)} s (${intervals.toFixed(1)} poll intervals); is a worker running?`,
      details: { lastPollAt: router.lastPollAt?.toISOString() ?? null },
    });
  }

  if (fresh && latest) {
    if (rules.has("gateway_down")) {
      for (const w of latest.wans) {
        const down = !w.routeActive || !w.running;
        const why = [!w.routeActive && "default route inactive", !w.running && `interface ${w.interface} not running`]
          .filter(Boolean)
          .join(", ");
        out.push({
          rule: "gateway_down",
          subject: w.name,
          value: down ? 1 : 0,
          message: down ? `WAN ${w.name}: ${why}` : `WAN ${w.name} is up`,
          details: { interface: w.interface, routeActive: w.routeActive, running: w.running },
        });
      }
    }
    if (rules.has("imbalance")) {
      const marked = latest.wans.reduce((s, w) => s + w.connections, 0);
      const byConnections = imbalance(latest.wans.map((w) => ({ wan: w.name, observed: w.connections, expectedWeight: w.expectedWeight })));
      out.push(
        imbalanceObservation({
          metric: "connections",
          result: byConnections,
          enough: marked >= MIN_CONNECTIONS_FOR_SHARE && latest.wans.length > 1,
        }),
      );
      const rates = latest.wans.map((w) => (w.rxBps === null || w.txBps === null ? null : w.rxBps + w.txBps));
      const total = rates.reduce<number>((s, r) => s + (r ?? 0), 0);
      const byThroughput = imbalance(
        latest.wans.map((w, i) => ({ wan: w.name, observed: rates[i] ?? 0, expectedWeight: w.expectedWeight })),
      );
      out.push(
        imbalanceObservation({
          metric: "throughput",
          result: byThroughput,
          enough: rates.every((r) => r !== null) && total >= MIN_BPS_FOR_SHARE && latest.wans.length > 1,
        }),
      );
    }
    if (rules.has("unmarked_share")) {
      const total = latest.newConnectionsTotal;
      const unmarked = latest.newConnectionsUnmarked;
      const enough = total !== null && unmarked !== null && total >= MIN_NEW_CONNECTIONS_FOR_SHARE;
      const share = enough ? unmarked / total : null;
      out.push({
        rule: "unmarked_share",
        subject: "",
        value: share,
        message:
          share === null
            ? "Too few new connections to measure"
            : `${pct(share)} of new connections left unmarked (${unmarked} of ${total})`,
        details: { explanation: UNMARKED_EXPLANATION, newConnectionsTotal: total, newConnectionsUnmarked: unmarked },
      });
    }
    if (rules.has("dual_listed")) {
      for (const c of options.dualListed) {
        out.push({
          rule: "dual_listed",
          subject: c.address,
          value: 1,
          message: `Client ${c.address} is on ${c.lists.join(" and ")}`,
          details: { lists: c.lists, since: c.since?.toISOString() ?? null },
        });
      }
    }
  }

  // Tracked subjects not observed this time: gone when the data is fresh, unknown otherwise.
  const seen = new Set(out.map((o) => `${o.rule}\u0000${o.subject}`));
  for (const t of options.tracked) {
    if (!rules.has(t.rule) || seen.has(`${t.rule}\u0000${t.subject}`)) continue;
    seen.add(`${t.rule}\u0000${t.subject}`);
    const gone = fresh && SAMPLE_RULES.has(t.rule) && t.rule !== "imbalance" && t.rule !== "unmarked_share";
    out.push({
      rule: t.rule,
      subject: t.subject,
      value: gone ? 0 : null,
      message: gone ? `${t.subject || "condition"} no longer observed` : "No fresh data",
    });
  }
  return out;
}

function imbalanceObservation(options: {
  metric: "connections" | "throughput";
  result: ReturnType<typeof imbalance>;
  enough: boolean;
}): Observation {
  const { metric, result } = options;
  const worst = result.perWan.find((w) => w.wan === result.worstWan);
  const value = options.enough ? result.maxDeviation : null;
  const message =
    value === null || !worst
      ? `Too little ${metric} to measure balance`
      : `WAN ${worst.wan} carries ${pct(worst.share)} of ${metric}, expected ${pct(worst.expected)} (off by ${pct(Math.abs(worst.deviation))})`;
  return { rule: "imbalance", subject: metric, value, message, details: { metric, perWan: result.perWan } };
}
