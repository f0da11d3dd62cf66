import type { Db } from "../db";
import { Prisma } from "../db/sql";

export type OpenAlertCounts = { firing: number; acknowledged: number; critical: number };
const EMPTY: OpenAlertCounts = { firing: 0, acknowledged: 0, critical: 0 };

/** Open alerts of one router, or of the fleet when routerId is omitted. */
export async function countOpenAlerts(options: { db: Db; routerId?: number }): Promise<OpenAlertCounts> {
  const byRouter = await countOpenAlertsByRouter({
    db: options.db,
    routerIds: options.routerId === undefined ? undefined : [options.routerId],
  });
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
  // Raw: on every page (the header badge) and the fleet table; a Prisma model query costs about twice the CPU of a raw one.
  const ids = options.routerIds;
  const where = ids ? Prisma.sql`AND router_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)` : Prisma.empty;
  const groups = await options.db.$queryRaw<{ router_id: number; firing: number; acknowledged: number; critical: number }[]>`
    SELECT router_id, count(*) FILTER (WHERE state = 'firing')::int AS firing, count(*) FILTER (WHERE state = 'acknowledged')::int AS acknowledged,
           count(*) FILTER (WHERE severity = 'critical')::int AS critical
    FROM alerts WHERE state IN ('firing', 'acknowledged') ${where}
    GROUP BY router_id`;
  return new Map(groups.map((g) => [g.router_id, { firing: g.firing, acknowledged: g.acknowledged, critical: g.critical }]));
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
