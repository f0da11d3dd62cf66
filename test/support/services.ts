import { randomBytes } from "node:crypto";
import pg from "pg";
import { Redis } from "ioredis";
import { migrateDatabase } from "../../lib/db/migrate";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";

// Real services for integration and browser tests: a fresh database per run (created here, dropped
// at the end) and a queue prefix of its own, so runs never see each other's data.

export const runId = (): string => `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The Postgres to create test databases on: DATABASE_URL, else localhost:5432, else an embedded one. */
export async function findAdminPostgres(): Promise<{ adminUrl: string; stop: () => Promise<void>; where: string }> {
  const candidates = [process.env.DATABASE_URL, "postgresql://postgres@127.0.0.1:5432/postgres"].filter((u): u is string => Boolean(u));
  for (const url of candidates)
    if (await answers(url))
      return { adminUrl: url, stop: async () => {}, where: url === process.env.DATABASE_URL ? "DATABASE_URL" : "localhost:5432" };
  const embedded = await startEmbeddedPostgres({ dir: ".data/test-postgres", port: 54339 });
  return { adminUrl: embedded.url, stop: embedded.stop, where: "embedded" };
}

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

export async function createTestDatabase(options: { adminUrl: string; migrate?: boolean }): Promise<TestDatabase> {
  const name = `wanscope_test_${runId()}`;
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  if (options.migrate !== false) await migrateDatabase({ url: url.toString(), quiet: true });
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: options.adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Redis for the queue tests: REDIS_URL or localhost:6379; null (with the reason) when none answers. */
export async function findRedis(): Promise<{ url: string } | { url: null; reason: string }> {
  const url = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1500, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return { url };
  } catch (error) {
    return { url: null, reason: `no Redis answers at ${url}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    client.disconnect();
  }
}

/** Remove every key under one run's queue prefix, including prefixes derived from it (only what this run made). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    let cursor = "0";
    do {
      // Tests derive their prefixes from the run's (`${run}_redis`, `${run}_alerts`…): match them all.
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}
