import type { Db } from "../db";
import { dateOrNull, epochMs, Prisma } from "../db/sql";
import { latestOf, wansWithLatestJson, type LatestWanSample, type WanWithLatestJson } from "./wans-with-latest";

// One router for its page: the router row, its WANs in order with each one's newest sample, and the
// newest router sample, in one raw statement (as Prisma model queries it was four). Times travel as epoch milliseconds (lib/db/sql.ts).

export type RouterWithLatest = {
  id: number;
  name: string;
  identity: string | null;
  host: string;
  port: number;
  site: string | null;
  tags: string[];
  rosVersion: string | null;
  balancingMethod: string | null;
  discoveryWarnings: string[];
  status: string;
  enabled: boolean;
  statusSince: Date | null;
  lastError: string | null;
  lastPollAt: Date | null;
  pollIntervalSec: number;
  wans: {
    id: number;
    name: string;
    interface: string;
    gateway: string | null;
    addressList: string | null;
    connectionMark: string | null;
    routingTable: string | null;
    routingMark: string | null;
    expectedWeight: number;
    latest: LatestWanSample | undefined;
  }[];
  sample: {
    ts: Date;
    cpuLoad: number | null;
    uptimeSec: number;
    connectionsTotal: number;
    connectionsUnmarked: number;
    clients: number;
    dualListed: number;
    listCounts: unknown;
    pollMs: number;
  } | null;
};

type Ms = number | null;
type WanJson = Omit<RouterWithLatest["wans"][number], "latest"> & WanWithLatestJson;
type Row = {
  doc: Omit<RouterWithLatest, "statusSince" | "lastPollAt" | "wans" | "sample"> & {
    statusSinceMs: Ms;
    lastPollAtMs: Ms;
    wans: WanJson[];
    sample: (Omit<NonNullable<RouterWithLatest["sample"]>, "ts"> & { tsMs: number }) | null;
  };
};

// The timestamp columns read below; only these reach Prisma.raw.
type TimeColumn = "r.status_since" | "r.last_poll_at" | "s.ts";
const ms = (column: TimeColumn) => epochMs(Prisma.raw(column));

export async function readRouterWithLatest(options: { db: Db; routerId: number }): Promise<RouterWithLatest | null> {
  const [row] = await options.db.$queryRaw<Row[]>`
    SELECT jsonb_build_object(
      'id', r.id, 'name', r.name, 'identity', r.identity, 'host', r.host, 'port', r.port, 'site', r.site, 'tags', r.tags,
      'rosVersion', r.ros_version, 'balancingMethod', r.balancing_method, 'discoveryWarnings', r.discovery_warnings, 'status', r.status,
      'enabled', r.enabled, 'statusSinceMs', ${ms("r.status_since")}, 'lastError', r.last_error, 'lastPollAtMs', ${ms("r.last_poll_at")},
      'pollIntervalSec', r.poll_interval_sec,
      'wans', ${wansWithLatestJson(
        Prisma.sql`r.id`,
        Prisma.sql`'interface', w.interface, 'gateway', w.gateway, 'addressList', w.address_list, 'connectionMark', w.connection_mark,
          'routingTable', w.routing_table, 'routingMark', w.routing_mark,`,
      )},
      'sample', (SELECT jsonb_build_object('tsMs', ${ms("s.ts")}, 'cpuLoad', s.cpu_load, 'uptimeSec', s.uptime_sec, 'connectionsTotal', s.connections_total,
            'connectionsUnmarked', s.connections_unmarked, 'clients', s.clients, 'dualListed', s.dual_listed, 'listCounts', s.list_counts, 'pollMs', s.poll_ms)
          FROM router_samples s WHERE s.router_id = r.id ORDER BY s.ts DESC LIMIT 1)
    ) AS doc
    FROM routers r WHERE r.id = ${options.routerId}`;
  if (!row) return null;
  const { statusSinceMs, lastPollAtMs, wans, sample, ...router } = row.doc;
  return {
    ...router,
    tags: router.tags ?? [],
    discoveryWarnings: router.discoveryWarnings ?? [],
    statusSince: dateOrNull(statusSinceMs),
    lastPollAt: dateOrNull(lastPollAtMs),
    wans: wans.map((w) => ({
      id: w.id,
      name: w.name,
      interface: w.interface,
      gateway: w.gateway,
      addressList: w.addressList,
      connectionMark: w.connectionMark,
      routingTable: w.routingTable,
      routingMark: w.routingMark,
      expectedWeight: w.expectedWeight,
      latest: latestOf(w),
    })),
    sample: sample ? { ...sample, ts: new Date(sample.tsMs) } : null,
  };
}
