import type { Db } from "../db";
import { epochMs, Prisma } from "../db/sql";

export type LatestWanSample = { wanId: number; at: Date; rxBps: number | null; txBps: number | null; connections: number; newConnections: number | null; routeActive: boolean; running: boolean };

type Row = { wan_id: number; ts_ms: number; rx_bps: number | null; tx_bps: number | null; connections: number; new_connections: number | null; route_active: boolean; running: boolean };

/** The newest sample of every WAN (or of one router's WANs): one index probe per WAN. */
export async function latestWanSamples(options: { db: Db; routerId?: number }): Promise<Map<number, LatestWanSample>> {
  const where = options.routerId === undefined ? Prisma.empty : Prisma.sql`WHERE w.router_id = ${options.routerId}`;
  const rows = await options.db.$queryRaw<Row[]>`
    SELECT w.id AS wan_id, ${epochMs(Prisma.sql`s.ts`)} AS ts_ms, s.rx_bps, s.tx_bps, s.connections, s.new_connections, s.route_active, s.running
    FROM wans w
    JOIN LATERAL (SELECT * FROM wan_samples ws WHERE ws.wan_id = w.id ORDER BY ws.ts DESC LIMIT 1) s ON true
    ${where}`;
  return new Map(
    rows.map((r) => [
      r.wan_id,
      { wanId: r.wan_id, at: new Date(r.ts_ms), rxBps: r.rx_bps, txBps: r.tx_bps, connections: r.connections, newConnections: r.new_connections, routeActive: r.route_active, running: r.running },
    ]),
  );
}
