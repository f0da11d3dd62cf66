import { ValidationError } from "../errors";
import type { QueueHandle } from "../queue/backend";
import { jobContracts, type JobName, type JobPayload } from "./contracts";

/** The payload as its contract parses it, for a queue the job belongs on; throws ValidationError otherwise. */
export function validatedPayload<N extends JobName>(options: { queue: QueueHandle; name: N; payload: JobPayload<N> }): JobPayload<N> {
  const contract = jobContracts[options.name];
  if (options.queue.name !== contract.queue)
    throw new ValidationError(`${options.name} belongs on queue ${contract.queue}, not ${options.queue.name}`);
  const parsed = contract.payload.safeParse(options.payload);
  if (!parsed.success)
    throw new ValidationError(
      `invalid ${options.name} payload`,
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  return parsed.data as JobPayload<N>;
}

/** Validate a payload against its contract before it reaches the queue; returns the job id. */
export async function enqueueJob<N extends JobName>(options: {
  queue: QueueHandle;
  name: N;
  payload: JobPayload<N>;
  jobId?: string;
}): Promise<string> {
  const job = await options.queue.add(options.name, validatedPayload(options), {
    ...jobContracts[options.name].options,
    jobId: options.jobId,
  });
  return String(job.id);
}
