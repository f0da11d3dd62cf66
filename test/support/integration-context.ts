import { inject } from "vitest";
import { createTestDatabase, type TestDatabase } from "./services";

/** Point this test file's process at the run's database; returns the run's shared settings. */
export function integrationServices(): {
  databaseUrl: string;
  adminDatabaseUrl: string;
  redisUrl: string | null;
  redisSkipReason: string;
  queuePrefix: string;
} {
  const databaseUrl = inject("databaseUrl");
  process.env.DATABASE_URL = databaseUrl;
  return {
    databaseUrl,
    adminDatabaseUrl: inject("adminDatabaseUrl"),
    redisUrl: inject("redisUrl"),
    redisSkipReason: inject("redisSkipReason"),
    queuePrefix: inject("queuePrefix"),
  };
}

/**
 * A database of this test file's own, for tests that run workers: a worker polls every router in its
 * database, so it must not see other files' routers. Call in beforeAll, before the first getDb().
 */
export async function useOwnDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ adminUrl: inject("adminDatabaseUrl") });
  process.env.DATABASE_URL = database.url;
  return database;
}
