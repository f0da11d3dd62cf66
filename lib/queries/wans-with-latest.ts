import { epochMs, Prisma } from "../db/sql";

// A router's WANs in order, each with its newest sample (one index probe per WAN), as a JSON array
// inside a larger raw statement: the fleet snapshot and a router's page both read them this way.

/** A WAN's newest sample, as the fleet snapshot and the router page read it. */
export type LatestWanSample = {
  wanId: number;
  at: Date;
  rxBps: number | null;
  txBps: number | null;
  connections: number;
  newConnections: number | null;
  routeActive: boolean;
  running: boolean;
};

/** One WAN as the fragment returns it; `extra` columns come along as named in `extraFields`. */
export type WanWithLatestJson = {
  id: number;
  name: string;
  expectedWeight: number;
  at: number | null;
  rxBps: number | null;
  txBps: number | null;
  connections: number | null;
  newConnections: number | null;
  routeActive: boolean | null;
  running: boolean | null;
};

/** `routerId` is the SQL expression of the router's id; `extraFields` adds `'key', w.column` pairs. */
export function wansWithLatestJson(routerId: Prisma.Sql, extraFields: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(jsonb_agg(jsonb_build_object('id', w.id, 'name', w.name, 'expectedWeight', w.expected_weight, ${extraFields}
      'at', ${epochMs(Prisma.sql`ws.ts`)}, 'rxBps', ws.rx_bps, 'txBps', ws.tx_bps, 'connections', ws.connections, 'newConnections', ws.new_connections,
      'routeActive', ws.route_active, 'running', ws.running) ORDER BY w.position, w.id), '[]'::jsonb)
    FROM wans w LEFT JOIN LATERAL (SELECT * FROM wan_samples x WHERE x.wan_id = w.id ORDER BY x.ts DESC LIMIT 1) ws ON true
    WHERE w.router_id = ${routerId})`;
}

/** The WAN's newest sample, or undefined when it has none. */
export function latestOf(w: WanWithLatestJson): LatestWanSample | undefined {
  if (w.at === null || w.connections === null || w.routeActive === null || w.running === null) return undefined;
  return {
    wanId: w.id,
    at: new Date(w.at),
    rxBps: w.rxBps,
    txBps: w.txBps,
    connections: w.connections,
    newConnections: w.newConnections,
    routeActive: w.routeActive,
    running: w.running,
  };
}
