import { inject } from "vitest";

/** Point this test file's process at the run's database; returns the run's shared settings. */
export function integrationServices(): { databaseUrl: string; adminDatabaseUrl: string; redisUrl: string | null; redisSkipReason: string; queuePrefix: string } {
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
