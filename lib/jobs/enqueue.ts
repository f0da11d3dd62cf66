import { ValidationError } from "../errors";
import type { QueueHandle } from "../queue/backend";
import { jobContracts, type JobName, type JobPayload } from "./contracts";

/** Validate a payload against its contract before it reaches the queue; returns the job id. */
export async function enqueueJob<N extends JobName>(options: {
  queue: QueueHandle;
  name: N;
  payload: JobPayload<N>;
  jobId?: string;
}): Promise<string> {
  const contract = jobContracts[options.name];
  if (options.queue.name !== contract.queue) throw new ValidationError(`${options.name} belongs on queue ${contract.queue}, not ${options.queue.name}`);
  const parsed = contract.payload.safeParse(options.payload);
  if (!parsed.success) throw new ValidationError(`invalid ${options.name} payload`, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  const job = await options.queue.add(options.name, parsed.data, { ...contract.options, jobId: options.jobId });
  return String(job.id);
}
