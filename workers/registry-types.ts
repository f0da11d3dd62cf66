import type { Logger } from "pino";
import type { Db } from "../lib/db";
import type { JobName, JobPayload } from "../lib/jobs";
import type { QueueBackend } from "../lib/queue/backend";

export type WorkerIdentity = { id: string; hostname: string; queueBackend: string; startedAt: Date };

/** What every handler gets: the process's shared resources. */
export type WorkerContext = { db: Db; log: Logger; worker: WorkerIdentity; queues: QueueBackend };

export type JobHandler<N extends JobName> = (args: { ctx: WorkerContext; payload: JobPayload<N>; jobId: string; attempt: number }) => Promise<unknown>;
