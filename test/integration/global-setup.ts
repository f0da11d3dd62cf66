import type { TestProject } from "vitest/node";
import { createTestDatabase, deleteRedisPrefix, findAdminPostgres, findRedis, runId } from "../support/services";

// One fresh database and one queue prefix for the whole integration run; removed afterwards.
declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
    redisUrl: string | null;
    redisSkipReason: string;
    queuePrefix: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await findAdminPostgres();
  const database = await createTestDatabase({ adminUrl: postgres.adminUrl });
  const redis = await findRedis();
  if (redis.url === null && process.env.REQUIRE_REDIS === "1") {
    throw new Error(`REQUIRE_REDIS=1 but ${redis.reason}`);
  }
  const queuePrefix = `t${runId()}`;
  project.provide("databaseUrl", database.url);
  project.provide("adminDatabaseUrl", postgres.adminUrl);
  project.provide("redisUrl", redis.url);
  project.provide("redisSkipReason", redis.url === null ? redis.reason : "");
  project.provide("queuePrefix", queuePrefix);
  return async () => {
    if (redis.url) await deleteRedisPrefix(redis.url, queuePrefix);
    await database.drop();
    await postgres.stop();
  };
}
