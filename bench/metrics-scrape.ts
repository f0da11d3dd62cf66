// npx tsx bench/metrics-scrape.ts [--routers 1000] [--hours 1] [--iterations 40] [--seconds 10] [--dist-dir .cache/next-test]
// What a Prometheus scrape of /metrics costs at fleet size: a fleet of routers with 2 or 3 WANs,
// `hours` of raw samples, poll state, clients, open alerts and worker counters; then (1) the
// collection in this process (Postgres reads + rendering), and (2) GET /metrics through the
// production build with a metrics token (when a build exists), sequential like a scraper.
import os from "node:os";
import path from "node:path";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createApiToken } from "../lib/auth/api-tokens";
import { PrismaClient } from "../lib/db/generated/client";
import { QUEUES } from "../lib/jobs";
import { collectMetrics } from "../lib/observability/collect-metrics";
import { buildMetricsRegistry } from "../lib/observability/render-metrics";
import { readMetricsRouters } from "../lib/queries/metrics-snapshot";
import { createQueueBackend } from "../lib/queue/backend";
import { startNextServer } from "../test/e2e/next-server";
import { createTestDatabase, findAdminPostgres } from "../test/support/services";
import { loadUrl } from "./dashboard-load";

const { values } = parseArgs({
  options: {
    routers: { type: "string" },
    hours: { type: "string" },
    iterations: { type: "string" },
    seconds: { type: "string" },
    "dist-dir": { type: "string" },
  },
});
const routers = Number(values.routers ?? 1000);
const hours = Number(values.hours ?? 1);
const iterations = Number(values.iterations ?? 40);
const seconds = Number(values.seconds ?? 10);
const distDir = values["dist-dir"] ?? process.env.NEXT_DIST_DIR ?? ".cache/next-test";
const load = os.loadavg().map((n) => n.toFixed(2));
console.log(`cpus=${os.cpus().length} node=${process.version} load=${load.join(",")} routers=${routers} hours=${hours}`);

const postgres = await findAdminPostgres();
const database = await createTestDatabase({ adminUrl: postgres.adminUrl });
const now = new Date();
const client = new pg.Client({ connectionString: database.url });
await client.connect();
const step = async (label: string, sql: string, params: unknown[] = []) => {
  const started = performance.now();
  const result = await client.query(sql, params);
  console.log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
};
const t = now.toISOString();
await client.query("SET synchronous_commit = off");
await step(
  "routers",
  `INSERT INTO routers (name, host, port, username, password_enc, site, status, last_poll_at, balancing_method, ros_version, identity, updated_at)
   SELECT format('gw-%s', lpad(i::text, 4, '0')), '127.0.0.1', 8728, 'bench', 'x', format('site-%s', i % 20),
          (CASE WHEN i % 37 = 0 THEN 'unreachable' ELSE 'ok' END)::"RouterStatus", $1::timestamp - (i % 9) * interval '1 second',
          CASE WHEN i % 3 = 0 THEN 'pcc' ELSE 'nth' END, '7.19.1', format('gw-%s', i), $1::timestamp
   FROM generate_series(1, $2::int) AS i`,
  [t, routers],
);
await step(
  "wans",
  `INSERT INTO wans (router_id, name, interface, address_list, connection_mark, routing_table, gateway, expected_weight, position, classifier, updated_at)
   SELECT r.id, format('wan%s', w), format('ether%s', w), (ARRAY['odd','even','third'])[w], (ARRAY['odd','even','third'])[w], (ARRAY['odd','even','third'])[w],
          format('10.11%s.0.1', w), 1, w - 1, jsonb_build_object('rules', jsonb_build_array(jsonb_build_object('ruleId', format('*%s', w)))), $1::timestamp
   FROM routers r CROSS JOIN generate_series(1, 3) AS w WHERE w <= CASE WHEN r.balancing_method = 'pcc' THEN 3 ELSE 2 END`,
  [t],
);
await step(
  `wan_samples (${hours} h at 10 s)`,
  `INSERT INTO wan_samples (wan_id, router_id, ts, rx_bps, tx_bps, connections, new_connections, route_active, running)
   SELECT w.id, w.router_id, ts, 2e7, 2e6, 400 + (w.id * 7) % 200, 20, true, true
   FROM wans w CROSS JOIN generate_series($1::timestamp - $2::int * interval '1 hour' + interval '10 seconds', $1::timestamp, interval '10 seconds') AS ts`,
  [t, hours],
);
await step(
  `router_samples (${hours} h at 10 s)`,
  `INSERT INTO router_samples (router_id, ts, cpu_load, uptime_sec, connections_total, connections_unmarked, clients, dual_listed, list_counts, poll_ms)
   SELECT r.id, ts, r.id % 40, 86400, 1500, 300, 200, r.id % 3, '{"odd": 100, "even": 100}'::jsonb, 40
   FROM routers r CROSS JOIN generate_series($1::timestamp - $2::int * interval '1 hour' + interval '10 seconds', $1::timestamp, interval '10 seconds') AS ts`,
  [t, hours],
);
await step(
  "router_poll_state",
  `INSERT INTO router_poll_state (router_id, polled_at, uptime_sec, counters)
   SELECT r.id, $1::timestamp, 86400, jsonb_build_object(
     'interfaces', (SELECT jsonb_object_agg(w.interface, jsonb_build_object('rx', 1e12 + w.id, 'tx', 1e11 + w.id)) FROM wans w WHERE w.router_id = r.id),
     'rules', (SELECT jsonb_object_agg(format('*%s', w.position + 1), 100000 + w.id) FROM wans w WHERE w.router_id = r.id))
   FROM routers r`,
  [t],
);
await step(
  "clients (200 per router)",
  `INSERT INTO clients (router_id, address, lists, first_seen_at, last_change_at, dual_listed_since)
   SELECT r.id, format('192.168.%s.%s', c / 250, c % 250 + 1), CASE WHEN c % 97 = 0 THEN ARRAY['odd','even'] ELSE ARRAY[(ARRAY['odd','even'])[c % 2 + 1]] END,
          $1::timestamp, $1::timestamp, CASE WHEN c % 97 = 0 THEN $1::timestamp END
   FROM routers r CROSS JOIN generate_series(0, 199) AS c`,
  [t],
);
await step(
  "open alerts",
  `INSERT INTO alerts (router_id, rule, subject, open_key, state, severity, message, fired_at, updated_at)
   SELECT r.id, 'imbalance', 'wan1', format('%s:imbalance:wan1', r.id), 'firing', 'warning', 'bench', $1::timestamp, $1::timestamp FROM routers r WHERE r.id % 10 = 0`,
  [t],
);
await step(
  "workers",
  `INSERT INTO worker_heartbeats (worker_id, hostname, queue_backend, started_at, last_seen_at) SELECT format('w%s', i), 'bench', 'postgres', $1::timestamp, $1::timestamp FROM generate_series(1, 3) i`,
  [t],
);
await step(
  "worker poll counters",
  `INSERT INTO worker_poll_counters (worker_id, polls, failures, lag_buckets, lag_sum_sec, updated_at) SELECT format('w%s', i), 1e6, 100, ARRAY[1,2,3,4,5,6,7,8,9,10,11]::bigint[], 1234.5, $1::timestamp FROM generate_series(1, 3) i`,
  [t],
);
await client.query("ANALYZE");
await client.end();

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 10 }) });
const queuePrefix = `bench${Date.now().toString(36)}`;
const backend = createQueueBackend({ databaseUrl: database.url, prefix: queuePrefix });
const queues = Object.values(QUEUES).map((name) => backend.createQueue(name));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
try {
  const timings: number[] = [];
  let body = "";
  for (let i = 0; i < iterations + 3; i++) {
    const started = performance.now();
    body = (await collectMetrics({ db, now: new Date(), queues, clientSeriesMax: 0 })).body;
    if (i >= 3) timings.push(performance.now() - started); // the first three warm up the statement caches
  }
  timings.sort((a, b) => a - b);
  const series = body.split("\n").filter((l) => l && !l.startsWith("#")).length;
  console.log(
    `in-process collect (Postgres reads + render, ${series} series, ${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB): p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms, max ${timings.at(-1)!.toFixed(1)} ms over ${timings.length} scrapes`,
  );
  // Where the time goes: the router read alone, and rendering alone on the same data.
  const reads: number[] = [];
  const renders: number[] = [];
  for (let i = 0; i < 20; i++) {
    const a = performance.now();
    const rows = await readMetricsRouters({ db });
    const b = performance.now();
    await buildMetricsRegistry({
      now: new Date(),
      routers: rows,
      openAlerts: [],
      workers: { workers: [], polls: { polls: 0, failures: 0, lagBuckets: [], lagSumSec: 0 } },
      queues: [],
      clients: null,
      scrapeErrors: [],
    }).metrics();
    reads.push(b - a);
    renders.push(performance.now() - b);
  }
  reads.sort((x, y) => x - y);
  renders.sort((x, y) => x - y);
  console.log(
    `  of which the routers read: p50 ${percentile(reads, 50).toFixed(1)} ms; building and rendering the text: p50 ${percentile(renders, 50).toFixed(1)} ms`,
  );
  const capped = performance.now();
  const withClients = (await collectMetrics({ db, now: new Date(), queues, clientSeriesMax: 10_000 })).body;
  console.log(
    `with per-client series capped at 10,000: ${(performance.now() - capped).toFixed(1)} ms, ${withClients.split("\n").filter((l) => l.startsWith("wanscope_client_lists")).length} client series`,
  );

  if (existsSync(path.join(distDir, "BUILD_ID"))) {
    const { token } = await createApiToken({
      db,
      input: { name: "bench-prometheus", scope: "metrics" },
      by: { id: null, email: "bench" },
      now: new Date(),
    });
    const web = await startNextServer({ databaseUrl: database.url, name: "bench-web", distDir });
    try {
      // One connection, back to back: a scraper never overlaps its own scrapes; rate limit lifted for it.
      await db.$executeRaw`DELETE FROM api_rate_windows`;
      const result = await loadUrl({
        label: "GET /metrics (production build, 1 connection)",
        url: `${web.baseUrl}/metrics`,
        seconds,
        concurrency: 1,
        headers: { authorization: `Bearer ${token}` },
      });
      console.log(`target: a scrape answers within 200 ms → p95 ${result.p95.toFixed(1)} ms ${result.p95 < 200 ? "(met)" : "(NOT met)"}`);
    } finally {
      await web.stop();
    }
  } else {
    console.log(`no production build in ${distDir}: HTTP scrape not measured (NEXT_DIST_DIR=${distDir} npx next build)`);
  }
} finally {
  await Promise.all(queues.map((q) => q.close()));
  await backend.close();
  await db.$disconnect();
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS bullmq_${queuePrefix} CASCADE`).catch(() => {});
  await admin.end();
  await database.drop();
  await postgres.stop();
}
