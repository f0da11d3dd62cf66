import type { Db } from "../../db";
import { DELIVERY_BACKOFF } from "../../jobs/delivery-backoff";
import { evaluateRouterAlerts } from "./evaluate-router";
import { needsCheck } from "./needs-check";
import { resolveRuleSettings } from "../settings/resolve-rule-settings";

/**
 * The fleet-wide periodic check: every router's staleness (no poll for N intervals, which no poll job
 * would notice), disabled routers' open alerts resolved, and pending deliveries that have no job
 * (the process stopped between writing them and enqueueing) returned for enqueueing.
 */
export async function checkFleetAlerts(options: {
  db: Db;
  now: Date;
  orphanAfterMs?: number;
}): Promise<{ routers: number; fired: number; resolved: number; deliveryIds: bigint[]; orphans: bigint[] }> {
  const { db, now } = options;
  const [routers, staleConfigs, conditions, openAlerts] = await Promise.all([
    db.router.findMany({
      select: { id: true, enabled: true, lastPollAt: true, createdAt: true, lastAttemptAt: true, pollIntervalSec: true },
    }),
    db.alertRuleConfig.findMany({ where: { rule: "stale" } }),
    db.alertCondition.findMany({ select: { routerId: true, rule: true }, distinct: ["routerId", "rule"] }),
    db.alert.findMany({ where: { openKey: { not: null } }, select: { routerId: true, rule: true }, distinct: ["routerId", "rule"] }),
  ]);
  const out = { routers: routers.length, fired: 0, resolved: 0, deliveryIds: [] as bigint[], orphans: [] as bigint[] };
  const tracked = [...conditions, ...openAlerts];
  const trackedAny = new Set(tracked.map((t) => t.routerId));
  const trackedStale = new Set(tracked.filter((t) => t.rule === "stale").map((t) => t.routerId));
  const fleetStale = staleConfigs.find((c) => c.scopeKey === "fleet");
  for (const r of routers) {
    if (
      !needsCheck({
        router: r,
        trackedAny,
        trackedStale,
        settings: resolveRuleSettings({
          rule: "stale",
          fleet: fleetStale,
          router: staleConfigs.find((c) => c.scopeKey === `router:${r.id}`),
        }),
        now,
      })
    )
      continue;
    const result = await evaluateRouterAlerts({ db, routerId: r.id, now, rules: r.enabled ? ["stale"] : undefined });
    out.fired += result.fired;
    out.resolved += result.resolved;
    out.deliveryIds.push(...result.deliveryIds);
  }
  // Never attempted after a few seconds (written by the app, or the writer stopped before enqueueing),
  // or silent for longer than the longest backoff (its job was lost with a queue store). Job ids
  // dedupe, so re-adding one that is still queued changes nothing.
  const cutoff = new Date(now.getTime() - (options.orphanAfterMs ?? 5_000));
  const lost = new Date(now.getTime() - DELIVERY_BACKOFF.capMs - 5 * 60_000);
  const orphans = await db.delivery.findMany({
    where: { status: "pending", OR: [{ attempts: 0, alertEvent: { at: { lt: cutoff } } }, { lastAttemptAt: { lt: lost } }] },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 1000,
  });
  out.orphans = orphans.map((o) => o.id);
  return out;
}
