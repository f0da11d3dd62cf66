import type { Db } from "../../db";
import { dateOrNull, epochMs, Prisma } from "../../db/sql";
import type { LatestSamples, RouterFacts } from "./observe-router";
import type { RuleConfigRow } from "../settings/resolve-rule-settings";
import type { SilenceWindow } from "./silences";
import type { OpenState, RuleKind } from "../types";

// What evaluating one router's alerts reads, in one statement. It runs after every poll, so as
// Prisma model queries it was nine statements, each about twice the CPU of a raw one; see
// docs/adr/0008-raw-sql-on-hot-paths.md. Times travel as epoch milliseconds (lib/db/sql.ts).

export type EvaluationRouter = RouterFacts & {
  id: number;
  wans: { id: number; name: string; interface: string; expectedWeight: number }[];
};

export type EvaluationInputs = {
  router: EvaluationRouter;
  ruleConfigs: (RuleConfigRow & { rule: RuleKind; scopeKey: string })[];
  conditions: { rule: RuleKind; subject: string; since: Date }[];
  openAlerts: { id: number; rule: RuleKind; subject: string; state: OpenState; details: unknown }[];
  latest: LatestSamples | null;
  dualListed: { address: string; lists: string[]; since: Date | null }[];
  silences: SilenceWindow[];
};

type Ms = number | null;
type Row = {
  router: {
    id: number;
    enabled: boolean;
    status: string;
    pollIntervalSec: number;
    lastPollAtMs: Ms;
    lastAttemptAtMs: number | null;
    createdAtMs: number;
    lastError: string | null;
  };
  wans: EvaluationRouter["wans"];
  rule_configs: (RuleConfigRow & { rule: RuleKind; scopeKey: string })[];
  conditions: { rule: RuleKind; subject: string; sinceMs: number }[];
  open_alerts: { id: number; rule: RuleKind; subject: string; state: OpenState; details: unknown }[];
  router_sample: { newConnectionsTotal: number | null; newConnectionsUnmarked: number | null } | null;
  wan_samples: { wanId: number; connections: number; rxBps: number | null; txBps: number | null; routeActive: boolean; running: boolean }[];
  dual_listed: { address: string; lists: string[]; sinceMs: Ms }[];
  silences: { id: number; routerId: number | null; rule: RuleKind | null; startsAtMs: number; endsAtMs: number; reason: string }[];
};

// The timestamp columns read below; only these reach Prisma.raw.
type TimeColumn = "r.last_poll_at" | "r.last_attempt_at" | "r.created_at" | "c.since" | "c.dual_listed_since" | "x.starts_at" | "x.ends_at";
const ms = (column: TimeColumn) => epochMs(Prisma.raw(column));

export async function loadEvaluationInputs(options: {
  db: Db;
  routerId: number;
  now: Date;
  rules: readonly RuleKind[];
  withSamples: boolean;
  withDualListed: boolean;
}): Promise<EvaluationInputs | null> {
  const { routerId, now } = options;
  const nowIso = now.toISOString();
  const rules = JSON.stringify(options.rules);
  const rows = await options.db.$queryRaw<Row[]>`
    SELECT
      jsonb_build_object('id', r.id, 'enabled', r.enabled, 'status', r.status, 'pollIntervalSec', r.poll_interval_sec, 'lastPollAtMs', ${ms("r.last_poll_at")},
        'lastAttemptAtMs', ${ms("r.last_attempt_at")}, 'createdAtMs', ${ms("r.created_at")}, 'lastError', r.last_error) AS router,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', w.id, 'name', w.name, 'interface', w.interface, 'expectedWeight', w.expected_weight) ORDER BY w.position, w.id), '[]'::jsonb)
        FROM wans w WHERE w.router_id = r.id) AS wans,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('rule', c.rule, 'scopeKey', c.scope_key, 'enabled', c.enabled, 'threshold', c.threshold,
          'clearThreshold', c.clear_threshold, 'forSeconds', c.for_seconds, 'severity', c.severity)), '[]'::jsonb)
        FROM alert_rule_configs c WHERE c.scope_key IN ('fleet', 'router:' || r.id)) AS rule_configs,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('rule', c.rule, 'subject', c.subject, 'sinceMs', ${ms("c.since")})), '[]'::jsonb)
        FROM alert_conditions c WHERE c.router_id = r.id AND c.rule::text IN (SELECT jsonb_array_elements_text(${rules}::jsonb))) AS conditions,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'rule', a.rule, 'subject', a.subject, 'state', a.state, 'details', a.details)), '[]'::jsonb)
        FROM alerts a WHERE a.router_id = r.id AND a.open_key IS NOT NULL AND a.rule::text IN (SELECT jsonb_array_elements_text(${rules}::jsonb))) AS open_alerts,
      (SELECT jsonb_build_object('newConnectionsTotal', s.new_connections_total, 'newConnectionsUnmarked', s.new_connections_unmarked)
        FROM router_samples s WHERE ${options.withSamples}::boolean AND s.router_id = r.id AND s.ts = r.last_poll_at) AS router_sample,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('wanId', s.wan_id, 'connections', s.connections, 'rxBps', s.rx_bps, 'txBps', s.tx_bps,
          'routeActive', s.route_active, 'running', s.running)), '[]'::jsonb)
        FROM wan_samples s WHERE ${options.withSamples}::boolean AND s.router_id = r.id AND s.ts = r.last_poll_at) AS wan_samples,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('address', c.address, 'lists', c.lists, 'sinceMs', ${ms("c.dual_listed_since")}) ORDER BY c.address), '[]'::jsonb)
        FROM clients c WHERE ${options.withDualListed}::boolean AND c.router_id = r.id AND c.dual_listed_since IS NOT NULL) AS dual_listed,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'routerId', x.router_id, 'rule', x.rule, 'startsAtMs', ${ms("x.starts_at")},
          'endsAtMs', ${ms("x.ends_at")}, 'reason', x.reason)), '[]'::jsonb)
        FROM silences x WHERE x.starts_at <= ${nowIso}::timestamp AND x.ends_at > ${nowIso}::timestamp AND (x.router_id IS NULL OR x.router_id = r.id)) AS silences
    FROM routers r WHERE r.id = ${routerId}`;
  const row = rows[0];
  if (!row) return null;
  const r = row.router;
  const router: EvaluationRouter = {
    id: r.id,
    enabled: r.enabled,
    status: r.status,
    pollIntervalSec: r.pollIntervalSec,
    lastPollAt: dateOrNull(r.lastPollAtMs),
    lastAttemptAt: dateOrNull(r.lastAttemptAtMs),
    createdAt: new Date(r.createdAtMs),
    lastError: r.lastError,
    wans: row.wans,
  };
  return {
    router,
    ruleConfigs: row.rule_configs,
    conditions: row.conditions.map((c) => ({ rule: c.rule, subject: c.subject, since: new Date(c.sinceMs) })),
    openAlerts: row.open_alerts,
    latest: latestSamples(router, row),
    dualListed: row.dual_listed.map((c) => ({ address: c.address, lists: c.lists, since: dateOrNull(c.sinceMs) })),
    silences: row.silences.map((s) => ({
      id: s.id,
      routerId: s.routerId,
      rule: s.rule,
      startsAt: new Date(s.startsAtMs),
      endsAt: new Date(s.endsAtMs),
      reason: s.reason,
    })),
  };
}

/** The samples of the router's last stored poll, WANs in the router's order (none: no fresh facts). */
function latestSamples(router: EvaluationRouter, row: Row): LatestSamples | null {
  if (!router.lastPollAt || !row.router_sample) return null;
  const byWan = new Map(row.wan_samples.map((s) => [s.wanId, s]));
  const wans = router.wans.flatMap((w) => {
    const s = byWan.get(w.id);
    return s
      ? [
          {
            name: w.name,
            interface: w.interface,
            expectedWeight: w.expectedWeight,
            connections: s.connections,
            rxBps: s.rxBps,
            txBps: s.txBps,
            routeActive: s.routeActive,
            running: s.running,
          },
        ]
      : [];
  });
  return {
    ts: router.lastPollAt,
    wans,
    newConnectionsTotal: row.router_sample.newConnectionsTotal,
    newConnectionsUnmarked: row.router_sample.newConnectionsUnmarked,
  };
}
