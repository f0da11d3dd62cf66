// npx tsx bench/poller-fleet.ts [--routers 500] [--interval 10] [--minutes 10] [--backend postgres|redis|both]
//                               [--clients 50] [--concurrency 50] [--cpu-prof DIR]
// One worker process (workers/main.ts) polls N simulated routers (sim/cli.ts in its own process, half
// 6.49, half 7.19) every --interval seconds; per queue backend a fresh database and queue prefix, both
// removed at the end. Figures only; it never passes or fails. How each figure is measured:
// - window: after every router has been polled once and one more interval, --minutes of slots [t0, t1).
// - polls: router_samples rows with ts (= the scheduler's slot) in the window; expected = N × window ÷ interval.
// - lag: per poll, routers.updated_at (the worker's clock, written by the last statement of the poll's
//   transaction, or by a status write after it) minus routers.last_poll_at (the slot). So it is slot →
//   data stored, poll time included, not start lag; exact to a few ms (the COMMIT). Read every 500 ms.
// - start lag / run time (a decomposition of the above): processedOn − slot and finishedOn − processedOn
//   of the poll jobs the queue still holds at the end (it keeps the last 1,000 completed), read once;
//   "router" is the RouterOS part of the run (the job's returned durationMs).
// - CPU: utime+stime of the worker pid from /proc over the window (all its jobs, GC, the tsx loader).
// - rows/poll: pg_stat_user_tables inserts+updates+deletes over the window ÷ polls (stats lag ≤ ~1 s at both ends).
// - queue store: Postgres: pg_total_relation_size summed over schema bullmq_<prefix>; Redis: MEMORY USAGE
//   summed over the prefix's keys (and the key count), used_memory of the whole server beside it. Where the
//   server has autovacuum off, the queue tables are vacuumed every minute in its place (said in the output).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { Redis } from "ioredis";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { addRouter } from "@/lib/routers";
import { createQueueBackend } from "@/lib/queue/backend";
import type { Queue } from "bullmq";
import { spawnManaged, stopManaged, type ManagedChild } from "@/lib/cli/child-process";
import { createTestDatabase, deleteRedisPrefix, runId, type TestDatabase } from "@/test/support/services";

type Backend = "postgres" | "redis";
type SimRouter = { name: string; apiPort: number; user: string; password: string; version: string };
type CpuTicks = { worker: number; sim: number; busy: number; total: number };
type Result = {
  backend: Backend;
  windowSec: number;
  polls: number;
  expected: number;
  routersBehind: number;
  lag: { n: number; p50: number; p99: number; max: number };
  startLag: { n: number; p50: number; p99: number; max: number };
  runTime: { n: number; p50: number; p99: number; max: number };
  routerTime: { n: number; p50: number; p99: number; max: number };
  cpuMsPerPoll: number;
  workerCore: number;
  simCore: number;
  machineBusy: number;
  dataRowsPerPoll: number;
  allWritesPerPoll: number;
  storeStart: string;
  storeEnd: string;
  warnLines: number;
};

const ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = "redis://127.0.0.1:6379";
const DATA_TABLES = ["wan_samples", "router_samples", "client_memberships", "clients", "client_events"];
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

const { values } = parseArgs({
  options: {
    routers: { type: "string", default: "500" },
    interval: { type: "string", default: "10" },
    minutes: { type: "string", default: "10" },
    backend: { type: "string", default: "both" },
    clients: { type: "string", default: "50" },
    concurrency: { type: "string", default: "50" },
    "cpu-prof": { type: "string" },
  },
  strict: true,
});
const ROUTERS = Number(values.routers);
const INTERVAL_SEC = Number(values.interval);
const MINUTES = Number(values.minutes);
const CLIENTS = Number(values.clients);
const CONCURRENCY = Number(values.concurrency);
const BACKENDS: Backend[] = values.backend === "both" ? ["postgres", "redis"] : [values.backend as Backend];
if (!BACKENDS.every((b) => b === "postgres" || b === "redis")) throw new Error("--backend expects postgres, redis or both");
if (![ROUTERS, INTERVAL_SEC, MINUTES, CLIENTS, CONCURRENCY].every((n) => Number.isFinite(n) && n > 0))
  throw new Error("numeric options must be positive");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stamp = () => new Date().toISOString().slice(11, 19);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
}

function stats(values: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? NaN };
}

/** Start lag and run time of the poll jobs the queue still holds (the last ≤1,000 completed). */
async function queueTimings(
  backend: Backend,
  databaseUrl: string,
  prefix: string,
): Promise<{ startLag: number[]; runTime: number[]; routerTime: number[] }> {
  const queues = createQueueBackend({ redisUrl: backend === "redis" ? REDIS_URL : undefined, databaseUrl, prefix });
  const queue = queues.createQueue("poll") as unknown as Queue;
  try {
    const jobs = await queue.getJobs(["completed"], 0, 999);
    const startLag: number[] = [];
    const runTime: number[] = [];
    const routerTime: number[] = [];
    for (const job of jobs) {
      if (!job.processedOn || !job.finishedOn) continue;
      startLag.push(job.processedOn - (job.timestamp + (job.opts.delay ?? 0)));
      runTime.push(job.finishedOn - job.processedOn);
      const outcome = job.returnvalue as { kind?: string; durationMs?: number } | null;
      if (outcome?.kind === "stored" && typeof outcome.durationMs === "number") routerTime.push(outcome.durationMs);
    }
    return { startLag, runTime, routerTime };
  } finally {
    await queue.close();
    await queues.close();
  }
}

function processTicks(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // Fields after "(comm)": state is field 3, utime 14, stime 15 (1-based over the whole line).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((s, n) => s + n, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

function startSimFleet(): Promise<{ child: ChildProcess; routers: SimRouter[] }> {
  const fleetFile = join(os.tmpdir(), `wanscope-bench-fleet-${process.pid}.json`);
  const v6 = Math.ceil(ROUTERS / 2);
  const entries = [
    { name: "gw6", count: v6, version: "6.49", clients: CLIENTS },
    { name: "gw7", count: ROUTERS - v6, version: "7.19", clients: CLIENTS },
  ].filter((e) => e.count > 0);
  writeFileSync(fleetFile, JSON.stringify({ seed: 1, routers: entries }));
  const child = spawn(process.execPath, ["--import", "tsx", "sim/cli.ts", "--fleet", fleetFile, "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const routers: SimRouter[] = [];
  return new Promise((resolve, reject) => {
    let buffered = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`simulator exited (${code}) before listing its routers: ${stderr.slice(-500)}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^router (\S+) api=(\d+) api-ssl=\S+ user=(\S+) password=(\S+) version=(\S+)$/.exec(line);
        if (m) routers.push({ name: m[1]!, apiPort: Number(m[2]), user: m[3]!, password: m[4]!, version: m[5]! });
      }
      if (routers.length === ROUTERS) resolve({ child, routers });
    });
  });
}

/** Queue-store size: the bullmq_<prefix> schema's tables on Postgres, the prefix's keys on Redis. */
async function queueStoreSize(backend: Backend, sql: pg.Pool, redis: Redis | undefined, prefix: string): Promise<string> {
  if (backend === "postgres") {
    const { rows } = await sql.query<{ bytes: string; tables: string }>(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes, count(*) AS tables FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [`bullmq_${prefix}`],
    );
    const jobs = await sql.query<{ state: string; n: string }>(
      `SELECT state::text, count(*) AS n FROM "bullmq_${prefix}".job GROUP BY 1 ORDER BY 1`,
    );
    return `${mb(Number(rows[0]!.bytes))} in ${rows[0]!.tables} tables (jobs: ${jobs.rows.map((r) => `${r.state} ${r.n}`).join(", ")})`;
  }
  const r = redis!;
  let cursor = "0";
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await r.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    keys += batch.length;
    if (batch.length > 0) {
      const pipeline = r.pipeline();
      for (const key of batch) pipeline.memory("USAGE", key);
      for (const [, size] of (await pipeline.exec()) ?? []) bytes += Number(size ?? 0);
    }
  } while (cursor !== "0");
  const info = await r.info("memory");
  const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  return `${mb(bytes)} in ${keys} keys (server used_memory ${mb(used)})`;
}

async function tableWrites(sql: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await sql.query<{ relname: string; writes: string }>(
    `SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS writes FROM pg_stat_user_tables WHERE schemaname = 'public'`,
  );
  return new Map(rows.map((r) => [r.relname, Number(r.writes)]));
}

async function runBackend(backend: Backend, sim: { child: ChildProcess; routers: SimRouter[] }): Promise<Result> {
  const database: TestDatabase = await createTestDatabase({ adminUrl: ADMIN_URL });
  const prefix = `bench_${runId()}`;
  const secretKey = randomBytes(32);
  const sql = new pg.Pool({ connectionString: database.url, max: 2 });
  const redis = backend === "redis" ? new Redis(REDIS_URL) : undefined;
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 4 }) });
  let worker: (ManagedChild & { lines: string[] }) | undefined;
  try {
    console.log(`\n[${stamp()}] backend=${backend} database=${database.name} prefix=${prefix}`);
    for (const r of sim.routers) {
      await addRouter({
        db,
        secretKey,
        input: { name: r.name, host: "127.0.0.1", port: r.apiPort, username: r.user, password: r.password, pollIntervalSec: INTERVAL_SEC },
      });
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      WANSCOPE_SECRET_KEY: secretKey.toString("base64"),
      WORKER_CONCURRENCY: String(CONCURRENCY),
    };
    if (backend === "redis") env.REDIS_URL = REDIS_URL;
    else delete env.REDIS_URL;
    const profile = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : [];
    const lines: string[] = [];
    worker = {
      ...spawnManaged({
        name: "worker",
        command: process.execPath,
        args: [...profile, "--import", "tsx", "workers/main.ts"],
        env,
        quiet: true,
        onLine: (l) => lines.push(l),
      }),
      lines,
    };
    const pid = worker.child.pid;

    const started = Date.now();
    for (;;) {
      const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM routers WHERE last_poll_at IS NOT NULL`);
      if (Number(rows[0]!.n) >= ROUTERS) break;
      if (worker.child.exitCode !== null) throw new Error(`worker exited: ${lines.slice(-5).join(" | ")}`);
      if (Date.now() - started > 300_000) throw new Error(`only ${rows[0]!.n} of ${ROUTERS} routers polled after 5 minutes`);
      await sleep(1000);
    }
    console.log(
      `[${stamp()}] all ${ROUTERS} routers discovered and polled once after ${((Date.now() - started) / 1000).toFixed(1)} s; settling one interval`,
    );
    await sleep(INTERVAL_SEC * 1000);

    const seen = new Map<number, number>();
    const sample = async (from: number, to: number, into: number[]): Promise<void> => {
      const { rows } = await sql.query<{ id: number; slot: Date | null; stored: Date }>(
        `SELECT id, last_poll_at AS slot, updated_at AS stored FROM routers`,
      );
      for (const row of rows) {
        const slot = row.slot?.getTime();
        if (slot === undefined || seen.get(row.id) === slot) continue;
        seen.set(row.id, slot);
        if (slot >= from && slot < to) into.push(row.stored.getTime() - slot);
      }
    };
    await sample(0, 0, []);
    const t0 = Date.now();
    const t1 = t0 + MINUTES * 60_000;
    const cpu = (): CpuTicks => ({ worker: processTicks(pid), sim: processTicks(sim.child.pid), ...machineTicks() });
    const cpu0 = cpu();
    const writes0 = await tableWrites(sql);
    const storeStart = await queueStoreSize(backend, sql, redis, prefix);
    console.log(`[${stamp()}] window starts; queue store ${storeStart}`);
    // PostgreSQL vacuums on its own by default; where the server has autovacuum off (as on this
    // project's machine), the queue tables' dead rows are vacuumed every minute instead, as autovacuum
    // would (naptime 1 min), so the store figure shows what is kept, not what was never reclaimed.
    const autovacuum = (await sql.query<{ autovacuum: string }>("SHOW autovacuum")).rows[0]?.autovacuum;
    const vacuum =
      backend === "postgres" && autovacuum === "off"
        ? setInterval(
            () =>
              void Promise.all(
                ["job", "event", "scheduler", "meta"].map((t) => sql.query(`VACUUM "bullmq_${prefix}".${t}`).catch(() => undefined)),
              ),
            60_000,
          )
        : undefined;
    if (vacuum) console.log(`[${stamp()}] autovacuum is off on this server: vacuuming the queue schema every minute in its place`);
    const lags: number[] = [];
    let minuteLags: number[] = [];
    let minuteCpu = cpu0;
    let minuteStart = t0;
    let minute = 0;
    let cpu1: CpuTicks | undefined;
    // Keep sampling a few seconds past t1 so polls of the window's last slots are seen.
    while (Date.now() < t1 + 5_000) {
      await sleep(500);
      await sample(t0, t1, minuteLags);
      const now = Date.now();
      if (!cpu1 && now >= t1) cpu1 = cpu();
      if (now - minuteStart >= 60_000 && minuteStart < t1) {
        minute++;
        const c = cpu1 ?? cpu();
        const wallSec = (now - minuteStart) / 1000;
        const workerSec = (c.worker - minuteCpu.worker) / CLK_TCK;
        const sorted = [...minuteLags].sort((a, b) => a - b);
        const store = await queueStoreSize(backend, sql, redis, prefix);
        console.log(
          `[${stamp()}] minute ${minute}: polls=${sorted.length} lag p50=${percentile(sorted, 0.5)} p99=${percentile(sorted, 0.99)} max=${sorted.at(-1) ?? NaN} ms; worker ${((100 * workerSec) / wallSec).toFixed(0)}% of a core, ${((1000 * workerSec) / Math.max(1, sorted.length)).toFixed(2)} ms cpu/poll; sim ${((100 * (c.sim - minuteCpu.sim)) / CLK_TCK / wallSec).toFixed(0)}%; machine busy ${((100 * (c.busy - minuteCpu.busy)) / Math.max(1, c.total - minuteCpu.total)).toFixed(0)}%; queue store ${store}`,
        );
        lags.push(...minuteLags);
        minuteLags = [];
        minuteCpu = c;
        minuteStart = now;
      }
    }
    lags.push(...minuteLags);
    clearInterval(vacuum);
    cpu1 ??= cpu();
    const writes1 = await tableWrites(sql);
    const storeEnd = await queueStoreSize(backend, sql, redis, prefix);
    const timings = await queueTimings(backend, database.url, prefix);
    const { rows: perRouter } = await sql.query<{ router_id: number; n: string }>(
      `SELECT r.id AS router_id, count(s.ts) AS n FROM routers r LEFT JOIN router_samples s ON s.router_id = r.id AND s.ts >= $1 AND s.ts < $2 GROUP BY r.id`,
      [new Date(t0), new Date(t1)],
    );
    const polls = perRouter.reduce((s, r) => s + Number(r.n), 0);
    const slotsPerRouter = Math.floor((t1 - t0) / (INTERVAL_SEC * 1000));
    const routersBehind = perRouter.filter((r) => Number(r.n) < slotsPerRouter).length;
    const windowSec = (t1 - t0) / 1000;
    const wallSec = windowSec; // cpu1 is read at the first 500 ms tick at or after t1
    const workerSec = (cpu1.worker - cpu0.worker) / CLK_TCK;
    const delta = (table: string) => (writes1.get(table) ?? 0) - (writes0.get(table) ?? 0);
    const breakdown = [...writes1.keys()].map((t) => [t, delta(t)] as const).filter(([, n]) => n > 0);
    console.log(
      `[${stamp()}] writes over the window by table: ${breakdown.map(([t, n]) => `${t}=${(n / Math.max(1, polls)).toFixed(2)}/poll`).join(" ")}`,
    );
    const lag = stats(lags);
    const warnLines = worker.lines.length;
    if (warnLines > 0) console.log(`[${stamp()}] worker logged ${warnLines} warn+ lines; last: ${worker.lines.at(-1)?.slice(0, 300)}`);
    return {
      backend,
      windowSec,
      polls,
      expected: (ROUTERS * windowSec) / INTERVAL_SEC,
      routersBehind,
      lag,
      startLag: stats(timings.startLag),
      runTime: stats(timings.runTime),
      routerTime: stats(timings.routerTime),
      cpuMsPerPoll: (1000 * workerSec) / Math.max(1, polls),
      workerCore: workerSec / wallSec,
      simCore: (cpu1.sim - cpu0.sim) / CLK_TCK / wallSec,
      machineBusy: (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total),
      dataRowsPerPoll: DATA_TABLES.reduce((s, t) => s + delta(t), 0) / Math.max(1, polls),
      allWritesPerPoll: breakdown.reduce((s, [, n]) => s + n, 0) / Math.max(1, polls),
      storeStart,
      storeEnd,
      warnLines,
    };
  } finally {
    if (worker) await stopManaged({ managed: worker });
    await db.$disconnect();
    await sql.end();
    redis?.disconnect();
    if (backend === "redis") await deleteRedisPrefix(REDIS_URL, prefix);
    await database.drop();
  }
}

console.log(
  `poller-fleet: cpus=${os.cpus().length} node=${process.version} routers=${ROUTERS} (half 6.49, half 7.19) clients/router=${CLIENTS} interval=${INTERVAL_SEC}s minutes=${MINUTES} backends=${BACKENDS.join(",")} concurrency=${CONCURRENCY} loadavg=${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(",")}`,
);
const sim = await startSimFleet();
console.log(`[${stamp()}] simulator pid ${sim.child.pid}: ${sim.routers.length} routers listening`);
const results: Result[] = [];
try {
  for (const backend of BACKENDS) results.push(await runBackend(backend, sim));
} finally {
  sim.child.kill("SIGTERM");
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
console.log(
  `\nRESULT poller-fleet cpus=${os.cpus().length} node=${process.version} routers=${ROUTERS} clients=${CLIENTS} interval=${INTERVAL_SEC}s window=${MINUTES}min concurrency=${CONCURRENCY}`,
);
console.log(
  "backend  | polls stored/expected | routers behind | lag p50 / p99 / max (n)     | queue: start lag p50/p99, run p50/p99, router p50/p99 (n) | cpu/poll | worker core | sim core | machine busy | data rows/poll | all writes/poll | queue store start → end",
);
for (const r of results) {
  console.log(
    [
      r.backend.padEnd(8),
      `${r.polls}/${fmt(r.expected)} (${fmt((100 * r.polls) / r.expected, 1)}%)`.padEnd(21),
      String(r.routersBehind).padEnd(14),
      `${fmt(r.lag.p50)} / ${fmt(r.lag.p99)} / ${fmt(r.lag.max)} ms (${r.lag.n})`.padEnd(27),
      `${fmt(r.startLag.p50)}/${fmt(r.startLag.p99)}, ${fmt(r.runTime.p50)}/${fmt(r.runTime.p99)}, ${fmt(r.routerTime.p50)}/${fmt(r.routerTime.p99)} ms (${r.runTime.n})`.padEnd(
        57,
      ),
      `${fmt(r.cpuMsPerPoll, 2)} ms`.padEnd(8),
      `${fmt(100 * r.workerCore)}%`.padEnd(11),
      `${fmt(100 * r.simCore)}%`.padEnd(8),
      `${fmt(100 * r.machineBusy)}%`.padEnd(12),
      fmt(r.dataRowsPerPoll, 2).padEnd(14),
      fmt(r.allWritesPerPoll, 2).padEnd(15),
      `${r.storeStart} → ${r.storeEnd}`,
    ].join(" | "),
  );
}
