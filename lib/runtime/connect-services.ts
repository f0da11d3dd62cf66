// Process wiring lives in lib/runtime/: what a process opens at start and closes at exit. This file
// is shared by the worker and the demo; web-runtime.ts is the web process's; workers/runtime.ts the worker's.
import type { Env } from "../env";
import { resolveDatabase, type ResolvedDatabase } from "../db";
import { assertRedisReachable, createQueueBackend, type QueueBackend } from "../queue/backend";
import { log } from "../log";

export type Services = { database: ResolvedDatabase; queue: QueueBackend; close: () => Promise<void> };

/** Connect a process to its Postgres and its queue store, failing with actionable messages. */
export async function connectServices(options: { env: Env; callerHandlesSignals?: boolean }): Promise<Services> {
  const { env } = options;
  const database = await resolveDatabase({ env, callerHandlesSignals: options.callerHandlesSignals });
  if (env.REDIS_URL) await assertRedisReachable({ url: env.REDIS_URL });
  const queue = createQueueBackend({ redisUrl: env.REDIS_URL, databaseUrl: database.url, prefix: env.QUEUE_PREFIX });
  log.info({ event: "queue.selected", kind: queue.kind, describe: queue.describe }, `queue backend: ${queue.describe}`);
  return {
    database,
    queue,
    close: async () => {
      await queue.close();
      await database.embedded?.stop();
    },
  };
}
