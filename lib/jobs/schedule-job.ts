import type { RepeatOptions } from "bullmq";
import type { QueueHandle } from "../queue/backend";
import { jobContracts, type JobName, type JobPayload } from "./contracts";
import { validatedPayload } from "./enqueue";

/**
 * Upsert a job scheduler whose jobs carry the contract's options (retries, trimming of finished jobs).
 * A scheduler's template is the only place those options can go: without them every scheduled job
 * was kept forever and a poll that hit a database error was never retried.
 */
export async function upsertScheduledJob<N extends JobName>(options: {
  queue: QueueHandle;
  schedulerId: string;
  repeat: Omit<RepeatOptions, "key">;
  name: N;
  payload: JobPayload<N>;
}): Promise<void> {
  await options.queue.upsertJobScheduler(options.schedulerId, options.repeat, {
    name: options.name,
    data: validatedPayload(options),
    opts: schedulerJobOptions(options.name),
  });
}

/** The options a scheduler's jobs get: the contract's, minus what a scheduler sets itself. */
export function schedulerJobOptions(name: JobName) {
  const { attempts, backoff, removeOnComplete, removeOnFail } = jobContracts[name].options;
  return { attempts, backoff, removeOnComplete, removeOnFail };
}
