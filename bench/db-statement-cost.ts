// npx tsx bench/db-statement-cost.ts [--n 2000]
// What one database statement costs the calling Node process in CPU, by the way it is issued: the
// figures behind docs/adr/0008 (raw SQL on hot paths). A fresh migrated database with one router, removed
// at the end. CPU is process.cpuUsage() over n sequential calls after a warm-up; wall time beside it.
import { parseArgs } from "node:util";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { createTestDatabase, findAdminPostgres } from "@/test/support/services";

const { values } = parseArgs({ options: { n: { type: "string", default: "2000" } } });
const N = Number(values.n);
const postgres = await findAdminPostgres();
const database = await createTestDatabase({ adminUrl: postgres.adminUrl });
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 4 }) });
const pool = new pg.Pool({ connectionString: database.url, max: 4 });

async function measure(label: string, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 100; i++) await fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn();
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${label.padEnd(58)} | ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms CPU | ${((performance.now() - t0) / N).toFixed(3)} ms wall`,
  );
}

try {
  const router = await db.router.create({
    data: {
      name: "bench",
      host: "127.0.0.1",
      username: "u",
      passwordEnc: "x",
      wans: {
        create: [
          { name: "odd", interface: "wlan1" },
          { name: "even", interface: "wlan2" },
        ],
      },
    },
  });
  console.log(`db-statement-cost: node=${process.version} n=${N} (one router, two WANs)\nstatement | CPU per call | wall per call`);
  await measure("pg: SELECT 1 (driver only, one round trip)", () => pool.query("SELECT 1"));
  await measure("Prisma $queryRaw: router row by id", () => db.$queryRaw`SELECT * FROM routers WHERE id = ${router.id}`);
  await measure("Prisma model: router.findUnique by id", () => db.router.findUnique({ where: { id: router.id } }));
  await measure("Prisma model: router.findUnique with include wans (2 queries)", () =>
    db.router.findUnique({ where: { id: router.id }, include: { wans: true } }),
  );
  await measure("Prisma interactive $transaction with one raw statement", () => db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`));
} finally {
  await db.$disconnect();
  await pool.end();
  await database.drop();
  await postgres.stop();
}
