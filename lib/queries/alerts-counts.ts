import type { Db } from "../db";

export type OpenAlertCounts = { firing: number; acknowledged: number; critical: number };
const EMPTY: OpenAlertCounts = { firing: 0, acknowledged: 0, critical: 0 };

/** Open alerts of one router, or of the fleet when routerId is omitted. */
export async function countOpenAlerts(options: { db: Db; routerId?: number }): Promise<OpenAlertCounts> {
  const byRouter = await countOpenAlertsByRouter({ db: options.db, routerIds: options.routerId === undefined ? undefined : [options.routerId] });
  const out = { ...EMPTY };
  for (const c of byRouter.values()) {
    out.firing += c.firing;
    out.acknowledged += c.acknowledged;
    out.critical += c.critical;
  }
  return out;
}

/** One grouped query for a whole table of routers (the fleet overview with 1,000 rows). */
export async function countOpenAlertsByRouter(options: { db: Db; routerIds?: number[] }): Promise<Map<number, OpenAlertCounts>> {
  const groups = await options.db.alert.groupBy({
    by: ["routerId", "state", "severity"],
    where: { state: { in: ["firing", "acknowledged"] }, ...(options.routerIds ? { routerId: { in: options.routerIds } } : {}) },
    _count: { _all: true },
  });
  const out = new Map<number, OpenAlertCounts>();
  for (const g of groups) {
    const c = out.get(g.routerId) ?? { ...EMPTY };
    if (g.state === "firing") c.firing += g._count._all;
    else c.acknowledged += g._count._all;
    if (g.severity === "critical") c.critical += g._count._all;
    out.set(g.routerId, c);
  }
  return out;
}

/** Open alerts of one router for its page (acknowledge from there). */
export async function listOpenAlertsForRouter(options: { db: Db; routerId: number }) {
  return options.db.alert.findMany({
    where: { routerId: options.routerId, state: { in: ["firing", "acknowledged"] } },
    orderBy: [{ severity: "desc" }, { firedAt: "desc" }],
    select: { id: true, rule: true, subject: true, state: true, severity: true, message: true, firedAt: true, acknowledgedAt: true },
    take: 500,
  });
}
