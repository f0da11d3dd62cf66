import type { Db } from "../db";

export type FleetRouterRow = {
  id: number;
  name: string;
  host: string;
  port: number;
  status: string;
  statusSince: Date | null;
  lastError: string | null;
  lastPollAt: Date | null;
  rosVersion: string | null;
  wanCount: number;
};

/** Routers for the fleet overview, newest status first within name order. */
export async function listFleetRouters(db: Db): Promise<FleetRouterRow[]> {
  const routers = await db.router.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, host: true, port: true, status: true, statusSince: true, lastError: true, lastPollAt: true, rosVersion: true, _count: { select: { wans: true } } },
  });
  return routers.map(({ _count, ...r }) => ({ ...r, wanCount: _count.wans }));
}
