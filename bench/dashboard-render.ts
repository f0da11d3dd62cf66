// npx tsx bench/dashboard-render.ts [--routers 1000] [--clients 200] [--seconds 15] [--concurrency 4]
//   [--database-url URL (reuse a filled database; skips generation)] [--keep] [--dist-dir .cache/next-e2e]
//   [--cpu-prof DIR (profile the web server)]
// Fills a database with a fleet and the default retention, starts the production build against it and
// loads the fleet overview and one router's 30-day view under concurrent load: p50, p95, requests/s.
// Build first: NEXT_DIST_DIR=.cache/next-e2e npx next build
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { createUser } from "../lib/auth";
import { PrismaClient } from "../lib/db/generated/client";
import { createTestDatabase, findAdminPostgres } from "../test/support/services";
import { startNextServer } from "../test/e2e/next-server";
import { generateDashboardFleet } from "./dashboard-data";
import { loadUrl, type LoadResult } from "./dashboard-load";

const { values } = parseArgs({
  options: {
    routers: { type: "string" },
    clients: { type: "string" },
    seconds: { type: "string" },
    concurrency: { type: "string" },
    "database-url": { type: "string" },
    keep: { type: "boolean" },
    "dist-dir": { type: "string" },
    "cpu-prof": { type: "string" },
  },
});
const routers = Number(values.routers ?? 1000);
const clientsPerRouter = Number(values.clients ?? 200);
const seconds = Number(values.seconds ?? 15);
const concurrency = Number(values.concurrency ?? 4);
const distDir = values["dist-dir"] ?? process.env.NEXT_DIST_DIR ?? ".cache/next-e2e";
if (!existsSync(path.join(distDir, "BUILD_ID"))) {
  console.error(`No production build in ${distDir}. Run: NEXT_DIST_DIR=${distDir} npx next build`);
  process.exit(1);
}

console.log(
  `cpus=${os.cpus().length} node=${process.version} routers=${routers} clients/router=${clientsPerRouter} seconds=${seconds} concurrency=${concurrency}`,
);
let databaseUrl = values["database-url"];
let cleanup = async (): Promise<void> => {};
if (!databaseUrl) {
  const postgres = await findAdminPostgres();
  const database = await createTestDatabase({ adminUrl: postgres.adminUrl });
  databaseUrl = database.url;
  console.log(`generating into ${database.name} (keep it with --keep, reuse it with --database-url)`);
  const started = performance.now();
  await generateDashboardFleet({ url: databaseUrl, size: { routers, clientsPerRouter, now: new Date() } });
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  cleanup = async () => {
    if (values.keep) console.log(`kept database: ${database.url}`);
    else await database.drop();
    await postgres.stop();
  };
}

const counts = new pg.Client({ connectionString: databaseUrl });
await counts.connect();
const sizes = await counts.query<{ name: string; n: string }>(
  `SELECT 'routers' AS name, count(*)::text AS n FROM routers UNION ALL SELECT 'wans', count(*)::text FROM wans
   UNION ALL SELECT 'wan_samples', count(*)::text FROM wan_samples UNION ALL SELECT 'wan_rollups', count(*)::text FROM wan_rollups
   UNION ALL SELECT 'router_samples', count(*)::text FROM router_samples UNION ALL SELECT 'clients', count(*)::text FROM clients`,
);
const target = await counts.query<{ id: number }>(
  `SELECT r.id FROM routers r JOIN wans w ON w.router_id = r.id WHERE r.status = 'ok' GROUP BY r.id HAVING count(*) = 3 ORDER BY r.id LIMIT 1`,
);
await counts.end();
console.log(sizes.rows.map((r) => `${r.name}=${r.n}`).join(" "));
const routerId = target.rows[0]?.id ?? 1;

// Pages need a signed-in user: one viewer, signed in through the real login route.
process.env.WANSCOPE_SECRET_KEY ??= randomBytes(32).toString("base64");
const email = `bench-${randomBytes(4).toString("hex")}@bench.test`;
const password = randomBytes(12).toString("base64url");
const userDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
await createUser({ ctx: { db: userDb }, input: { email, name: "Bench viewer", role: "viewer", password } });
await userDb.$disconnect();

const results: LoadResult[] = [];
const nodeArgs = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : [];
const web = await startNextServer({ databaseUrl, name: "bench-web", distDir, nodeArgs }).catch(async (error: unknown) => {
  await cleanup();
  throw error;
});
try {
  const base = web.baseUrl;
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("wanscope_session="));
  if (!login.ok || !cookie) throw new Error(`bench sign-in failed: HTTP ${login.status}`);
  const targets = [
    { label: "fleet overview (first 25 routers, sorted by status)", url: `${base}/` },
    { label: "fleet overview filtered (site + imbalanced, sorted by imbalance)", url: `${base}/?site=site-3&imbalanced=1&sort=imbalance` },
    { label: `router ${routerId} 30-day view (hour rollups + clients)`, url: `${base}/routers/${routerId}?range=30d` },
    { label: `router ${routerId} 24-hour view (minute rollups)`, url: `${base}/routers/${routerId}?range=24h` },
  ];
  for (const t of targets) results.push(await loadUrl({ ...t, seconds, concurrency, cookie }));
} finally {
  await web.stop();
  await cleanup();
}

console.log("\npage | requests | errors | p50 ms | p95 ms | p99 ms | req/s");
for (const r of results)
  console.log(
    `${r.label} | ${r.requests} | ${r.errors} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rps.toFixed(1)}`,
  );
console.log(`cpus=${os.cpus().length} (server, Postgres and load generator share them); target p95 < 200 ms`);
