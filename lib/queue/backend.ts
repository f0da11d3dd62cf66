import {
  Queue,
  Worker,
  withBackend,
  createPostgresBackend,
  type Processor,
  type WorkerOptions,
  type QueueOptions,
  type JobsOptions,
} from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { log as rootLog } from "../log";
import { createQueueErrorReporter, type QueueErrorReporter } from "./error-reporter";
import { ServiceUnavailableError } from "../errors";
import { describeUrl } from "../db/check-reachable";

// One code path, two stores: BullMQ on Redis when REDIS_URL is set (many worker machines), otherwise
// BullMQ's PostgreSQL backend in its own schema of the WANscope database (single machine, only Node).

export type QueueBackendKind = "redis" | "postgres";

export type QueueHandle = Pick<
  Queue,
  | "add"
  | "addBulk"
  | "getDelayed"
  | "upsertJobScheduler"
  | "removeJobScheduler"
  | "getJobSchedulers"
  | "getJobCounts"
  | "getJob"
  | "getJobs"
  | "close"
  | "name"
  | "obliterate"
  | "clean"
  | "waitUntilReady"
>;
export type WorkerHandle = Pick<Worker, "close" | "on" | "off" | "waitUntilReady" | "isRunning" | "name" | "run">;

export type QueueBackend = {
  kind: QueueBackendKind;
  /** Human description without secrets, for logs and the status page. */
  describe: string;
  prefix: string;
  createQueue(name: string, defaultJobOptions?: JobsOptions): QueueHandle;
  createWorker(name: string, processor: Processor, options?: Omit<WorkerOptions, "connection" | "prefix">): WorkerHandle;
  close(): Promise<void>;
};

export function createQueueBackend(options: { redisUrl?: string; databaseUrl: string; prefix: string; log?: Logger }): QueueBackend {
  const log = options.log ?? rootLog;
  return options.redisUrl
    ? redisBackend({ url: options.redisUrl, prefix: options.prefix, log })
    : postgresBackend({ databaseUrl: options.databaseUrl, prefix: options.prefix, log });
}

/** Every queue and worker reports its errors to the backend's one rate-limited reporter. */
function reporting<T extends { on(event: "error", listener: (error: Error) => void): unknown }>(
  target: T,
  reporter: QueueErrorReporter,
  where: string,
): T {
  target.on("error", (error) => reporter.report(error, where));
  return target;
}

function redisBackend(options: { url: string; prefix: string; log: Logger }): QueueBackend {
  const { url, prefix } = options;
  const reporter = createQueueErrorReporter({ log: options.log, backend: "redis" });
  // BullMQ needs maxRetriesPerRequest: null for its blocking connections; it duplicates this one for workers.
  const connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  connection.on("error", (error) => reporter.report(error, "connection"));
  connection.on("ready", () => reporter.recovered());
  return {
    kind: "redis",
    describe: `BullMQ on Redis at ${describeUrl(url)} (prefix ${prefix})`,
    prefix,
    createQueue: (name, defaultJobOptions) =>
      reporting(new Queue(name, { connection, prefix, defaultJobOptions } as QueueOptions), reporter, `queue ${name}`),
    createWorker: (name, processor, workerOptions) =>
      reporting(new Worker(name, processor, { ...workerOptions, connection, prefix }), reporter, `worker ${name}`),
    close: async () => {
      connection.disconnect();
    },
  };
}

function postgresBackend(options: { databaseUrl: string; prefix: string; log: Logger }): QueueBackend {
  const { databaseUrl, prefix } = options;
  const reporter = createQueueErrorReporter({ log: options.log, backend: "postgres" });
  const classes = withBackend(createPostgresBackend);
  // Each queue/worker builds its own small pool; the schema keeps queue tables apart from ours and
  // gives tests their own namespace, the way a key prefix does on Redis.
  const connection = { connectionString: databaseUrl, schema: `bullmq_${prefix}`, max: 4, migrate: true };
  return {
    kind: "postgres",
    describe: `BullMQ on PostgreSQL at ${describeUrl(databaseUrl)} (schema bullmq_${prefix})`,
    prefix,
    createQueue: (name, defaultJobOptions) =>
      reporting(new classes.Queue(name, { connection, defaultJobOptions }), reporter, `queue ${name}`) as unknown as QueueHandle,
    createWorker: (name, processor, workerOptions) =>
      reporting(
        new classes.Worker(name, processor as never, { ...workerOptions, connection }),
        reporter,
        `worker ${name}`,
      ) as unknown as WorkerHandle,
    close: async () => {},
  };
}

/** Fail fast with an actionable message when a configured Redis does not answer. */
export async function assertRedisReachable(options: { url: string }): Promise<void> {
  const { url } = options;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 5000, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    const policy = (await client.config("GET", "maxmemory-policy").catch(() => [])) as string[];
    if (policy[1] && policy[1] !== "noeviction") {
      throw new ServiceUnavailableError(
        `Redis at ${describeUrl(url)} uses maxmemory-policy ${policy[1]}; BullMQ needs noeviction or jobs can vanish.`,
      );
    }
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceUnavailableError(
      `Redis at ${describeUrl(url)} (from REDIS_URL) cannot be reached: ${reason}. Start it or fix REDIS_URL; unset REDIS_URL to run the queue on Postgres instead.`,
      error,
    );
  } finally {
    client.disconnect();
  }
}
