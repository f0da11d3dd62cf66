import { getEnv } from "../env";
import { ConfigError } from "../errors";
import { QUEUES, type QueueName } from "../jobs";
import { RouterSessionManager } from "../routeros";
import { log } from "../log";
import { createQueueBackend, type QueueHandle } from "../queue/backend";

// What the web process needs beyond Postgres: the actions queue to enqueue operator actions, and
// router sessions for live previews and "Test connection". Both live on globalThis (dev reloads modules).
const holder = globalThis as unknown as {
  __wanscopeActionsQueue?: QueueHandle;
  __wanscopePollQueue?: QueueHandle;
  __wanscopeWebSessions?: RouterSessionManager;
  __wanscopeQueues?: Partial<Record<QueueName, QueueHandle>>;
};

function backend() {
  const env = getEnv();
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new ConfigError("DATABASE_URL is not resolved");
  return createQueueBackend({ redisUrl: env.REDIS_URL, databaseUrl, prefix: env.QUEUE_PREFIX });
}

export function actionsQueue(): QueueHandle {
  holder.__wanscopeActionsQueue ??= backend().createQueue(QUEUES.actions);
  return holder.__wanscopeActionsQueue;
}

export function webRouterSessions(): RouterSessionManager {
  holder.__wanscopeWebSessions ??= new RouterSessionManager({ commandTimeoutMs: 5000, connectTimeoutMs: 5000, logger: log });
  return holder.__wanscopeWebSessions;
}

/** The poll queue, so router changes re-sync poll schedulers at once rather than within a minute. */
export function pollQueue(): QueueHandle {
  holder.__wanscopePollQueue ??= backend().createQueue(QUEUES.poll);
  return holder.__wanscopePollQueue;
}

/** Every queue, for /metrics to read their depths; made once per process. */
export function allQueues(): QueueHandle[] {
  const queues = (holder.__wanscopeQueues ??= {});
  return Object.values(QUEUES).map((name) => (queues[name] ??= backend().createQueue(name)));
}
