import type { Logger } from "pino";
import type { Db } from "../lib/db";
import type { JobName, JobPayload, OpenQueues } from "../lib/jobs";
import type { RouterSessionManager } from "../lib/routeros";
import type { Env } from "../lib/env";
import type { PollCounters } from "../lib/observability/poll-counters";

export type WorkerIdentity = { id: string; hostname: string; queueBackend: string; startedAt: Date };

/** What every handler gets: the process's shared resources. */
export type WorkerContext = {
  db: Db;
  log: Logger;
  worker: WorkerIdentity;
  /** The runtime's open queues: handlers enqueue on these, never open their own. */
  queues: OpenQueues;
  /** One RouterOS session per router for this process. */
  sessions: RouterSessionManager;
  /** Polls and their lag, counted for /metrics and flushed to Postgres by the runtime. */
  pollCounters?: PollCounters;
  /** Decrypts router passwords; never leaves the process. */
  secretKey: Buffer;
  settings: Pick<
    Env,
    | "POLL_INTERVAL_SEC"
    | "POLL_TIMEOUT_MS"
    | "RAW_RETENTION_DAYS"
    | "MINUTE_RETENTION_DAYS"
    | "HOUR_RETENTION_DAYS"
    | "SMTP_URL"
    | "SMTP_FROM"
    | "TELEGRAM_API_URL"
  >;
};

export type JobHandler<N extends JobName> = (args: {
  ctx: WorkerContext;
  payload: JobPayload<N>;
  jobId: string;
  attempt: number;
  /** When the job was meant to run (a scheduler's slot); the same on every retry. */
  scheduledAt: Date;
}) => Promise<unknown>;
