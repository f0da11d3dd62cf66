import type { Db } from "../db";
import { epochMs, Prisma, queryJsonRows } from "../db/sql";
import { listCounts } from "../metrics/list-counts";
import { latestOf, wansWithLatestJson, type LatestWanSample, type WanWithLatestJson } from "./wans-with-latest";

// What /metrics exports, read from Postgres in three statements (never from the routers): every
// router with its newest sample and the raw counters of its last poll, open alerts by rule and
// severity, and the workers' heartbeats and cumulative poll counters.

export type MetricsWan = {
  id: number;
  name: string;
  interface: string;
  addressList: string | null;
  connectionMark: string | null;
  routing: string | null;
  gateway: string | null;
  expectedWeight: number;
  classifierRuleIds: string[];
  latest: LatestWanSample | undefined;
};

export type MetricsRouter = {
  id: number;
  name: string;
  site: string | null;
  enabled: boolean;
  status: string;
  rosVersion: string | null;
  identity: string | null;
  balancingMethod: string | null;
  pollIntervalSec: number;
  lastPollAt: Date | null;
  sample: {
    cpuLoad: number | null;
    uptimeSec: number;
    connectionsTotal: number;
    connectionsUnmarked: number;
    clients: number;
    dualListed: number;
    listCounts: { list: string; clients: number }[];
    pollMs: number;
  } | null;
  /** Interface byte counters and classifier rule packet counters as the last stored poll read them. */
  counters: { interfaces: Record<string, { rx: number; tx: number }>; rules: Record<string, number> } | null;
  wans: MetricsWan[];
};

type WanJson = WanWithLatestJson & {
  interface: string;
  addressList: string | null;
  connectionMark: string | null;
  routing: string | null;
  gateway: string | null;
  classifier: { rules?: { ruleId?: unknown }[] } | null;
};

type RouterJson = {
  id: number;
  name: string;
  site: string | null;
  enabled: boolean;
  status: string;
  rosVersion: string | null;
  identity: string | null;
  balancingMethod: string | null;
  pollIntervalSec: number;
  lastPollAtMs: number | null;
  sample: (Omit<NonNullable<MetricsRouter["sample"]>, "listCounts"> & { listCounts: unknown }) | null;
  counters: MetricsRouter["counters"];
  wans: WanJson[];
};

export async function readMetricsRouters(options: { db: Db }): Promise<MetricsRouter[]> {
  const rows = await queryJsonRows<RouterJson>({
    db: options.db,
    query: Prisma.sql`
    SELECT r.id, r.name, r.site, r.enabled, r.status::text AS status, r.ros_version AS "rosVersion", r.identity, r.balancing_method AS "balancingMethod",
      r.poll_interval_sec AS "pollIntervalSec", ${epochMs(Prisma.sql`r.last_poll_at`)} AS "lastPollAtMs",
      (SELECT jsonb_build_object('cpuLoad', s.cpu_load, 'uptimeSec', s.uptime_sec, 'connectionsTotal', s.connections_total,
          'connectionsUnmarked', s.connections_unmarked, 'clients', s.clients, 'dualListed', s.dual_listed, 'listCounts', s.list_counts, 'pollMs', s.poll_ms)
        FROM router_samples s WHERE s.router_id = r.id ORDER BY s.ts DESC LIMIT 1) AS sample,
      (SELECT ps.counters FROM router_poll_state ps WHERE ps.router_id = r.id) AS counters,
      ${wansWithLatestJson(
        Prisma.sql`r.id`,
        Prisma.sql`'interface', w.interface, 'addressList', w.address_list, 'connectionMark', w.connection_mark,
          'routing', coalesce(w.routing_table, w.routing_mark), 'gateway', w.gateway, 'classifier', w.classifier,`,
      )} AS wans
    FROM routers r`,
  });
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      site: r.site,
      enabled: r.enabled,
      status: r.status,
      rosVersion: r.rosVersion,
      identity: r.identity,
      balancingMethod: r.balancingMethod,
      pollIntervalSec: r.pollIntervalSec,
      lastPollAt: r.lastPollAtMs === null ? null : new Date(r.lastPollAtMs),
      sample: r.sample ? { ...r.sample, listCounts: listCounts(r.sample.listCounts) } : null,
      counters:
        r.counters && typeof r.counters === "object" ? { interfaces: r.counters.interfaces ?? {}, rules: r.counters.rules ?? {} } : null,
      wans: r.wans.map((w) => ({
        id: w.id,
        name: w.name,
        interface: w.interface,
        addressList: w.addressList,
        connectionMark: w.connectionMark,
        routing: w.routing,
        gateway: w.gateway,
        expectedWeight: w.expectedWeight,
        classifierRuleIds: (w.classifier?.rules ?? []).map((rule) => rule.ruleId).filter((id): id is string => typeof id === "string"),
        latest: latestOf(w),
      })),
    }))
    .sort((a, b) => a.id - b.id);
}

export type OpenAlertGroup = { rule: string; severity: string; count: number };

export async function countOpenAlertsByRule(options: { db: Db }): Promise<OpenAlertGroup[]> {
  return options.db.$queryRaw<OpenAlertGroup[]>`
    SELECT rule::text AS rule, severity::text AS severity, count(*)::int AS count
    FROM alerts WHERE state IN ('firing', 'acknowledged') GROUP BY 1, 2`;
}

export type WorkerFigures = {
  workers: { workerId: string; hostname: string; queueBackend: string; startedAtMs: number; lastSeenAtMs: number }[];
  polls: { polls: number; failures: number; lagBuckets: number[]; lagSumSec: number };
};

/** Heartbeats of the workers seen in the last day, and poll counters summed over every worker ever. */
export async function readWorkerFigures(options: { db: Db; now: Date }): Promise<WorkerFigures> {
  const since = new Date(options.now.getTime() - 86_400_000).toISOString();
  const [row] = await options.db.$queryRaw<{ doc: WorkerFigures }[]>`
    SELECT jsonb_build_object(
      'workers', (SELECT coalesce(jsonb_agg(jsonb_build_object('workerId', h.worker_id, 'hostname', h.hostname, 'queueBackend', h.queue_backend,
          'startedAtMs', ${epochMs(Prisma.sql`h.started_at`)}, 'lastSeenAtMs', ${epochMs(Prisma.sql`h.last_seen_at`)}) ORDER BY h.worker_id), '[]'::jsonb)
        FROM worker_heartbeats h WHERE h.last_seen_at > ${since}::timestamp),
      'polls', (SELECT jsonb_build_object('polls', coalesce(sum(c.polls), 0), 'failures', coalesce(sum(c.failures), 0),
          'lagSumSec', coalesce(sum(c.lag_sum_sec), 0),
          'lagBuckets', (SELECT coalesce(jsonb_agg(n ORDER BY i), '[]'::jsonb) FROM (
              SELECT i, sum(b)::float8 AS n FROM worker_poll_counters x, unnest(x.lag_buckets) WITH ORDINALITY AS u(b, i) GROUP BY i) t))
        FROM worker_poll_counters c)
    ) AS doc`;
  return row?.doc ?? { workers: [], polls: { polls: 0, failures: 0, lagBuckets: [], lagSumSec: 0 } };
}

/** Per-client list counts for the opt-in client series: dual-listed clients first, at most `max`. */
export async function readClientLists(options: {
  db: Db;
  max: number;
}): Promise<{ rows: { router: string; address: string; lists: number }[]; total: number }> {
  const [row] = await options.db.$queryRaw<{ total: number; rows: { router: string; address: string; lists: number }[] }[]>`
    SELECT (SELECT count(*)::int FROM clients WHERE cardinality(lists) > 0) AS total,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('router', t.name, 'address', t.address, 'lists', t.n)), '[]'::jsonb) FROM (
        SELECT r.name, c.address, cardinality(c.lists) AS n FROM clients c JOIN routers r ON r.id = c.router_id
        WHERE cardinality(c.lists) > 0 ORDER BY c.dual_listed_since NULLS LAST, r.name, c.address LIMIT ${options.max}) t) AS rows`;
  return { rows: row?.rows ?? [], total: row?.total ?? 0 };
}
