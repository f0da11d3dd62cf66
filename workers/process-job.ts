import { UnrecoverableError, type Job } from "bullmq";
import { isAppError } from "../lib/errors";
import { isJobName, jobContracts, type JobName } from "../lib/jobs";
import { handlers } from "./registry";
import type { JobHandler, WorkerContext } from "./registry-types";

/**
 * When the job was meant to run. A scheduler's job names its slot in its id (`repeat:<scheduler>:<ms>`);
 * timestamp + delay can be a millisecond off it on the Postgres backend, and the slot keys samples.
 */
export function scheduledTime(job: Pick<Job, "id" | "timestamp" | "opts">): Date {
  const slot = job.id?.startsWith("repeat:") ? /:(\d+)$/.exec(job.id)?.[1] : undefined;
  return new Date(slot ? Number(slot) : job.timestamp + (job.opts.delay ?? 0));
}

/**
 * Dispatch one job: unknown names and bad payloads fail at once without retry (retrying cannot fix
 * them); network trouble is rethrown so BullMQ retries with the contract's backoff.
 */
export async function processJob(ctx: WorkerContext, job: Job): Promise<unknown> {
  const log = ctx.log.child({ jobId: job.id, job: job.name });
  if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job name ${JSON.stringify(job.name).slice(0, 80)}`);
  const parsed = jobContracts[job.name].payload.safeParse(job.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ");
    log.warn({ event: "job.rejected", issues }, "bad payload");
    throw new UnrecoverableError(`invalid ${job.name} payload: ${issues}`);
  }
  const handler = handlers[job.name] as JobHandler<JobName>;
  try {
    const scheduledAt = scheduledTime(job);
    return await handler({
      ctx: { ...ctx, log },
      payload: parsed.data as never,
      jobId: String(job.id),
      attempt: job.attemptsMade + 1,
      scheduledAt,
    });
  } catch (error) {
    if (isAppError(error) && !error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
    throw error;
  }
}
