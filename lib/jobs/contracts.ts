import { z } from "zod";
import type { JobsOptions } from "bullmq";

// What may be enqueued: job name → queue, payload schema and retry policy. The app and the workers
// both import this; handlers live in workers/registry.ts. Payloads carry ids only, never secrets.

export const QUEUES = { system: "system", poll: "poll", actions: "actions", alerts: "alerts" } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

type Contract<S extends z.ZodType> = { queue: QueueName; payload: S; options: JobsOptions };

const retryWithBackoff = (attempts: number, delayMs: number): JobsOptions => ({
  attempts,
  backoff: { type: "exponential", delay: delayMs },
  // Finished jobs are trimmed so the queue's store does not grow with time.
  removeOnComplete: { count: 200, age: 3600 },
  removeOnFail: { count: 1000, age: 7 * 24 * 3600 },
});

export const jobContracts = {
  "system.ping": {
    queue: QUEUES.system,
    payload: z.object({ requestedAt: z.iso.datetime() }).strict(),
    options: retryWithBackoff(3, 1000),
  },
  "system.sync-schedules": {
    queue: QUEUES.system,
    payload: z.object({}).strict(),
    options: retryWithBackoff(3, 1000),
  },
  "system.rollup": {
    queue: QUEUES.system,
    payload: z.object({}).strict(),
    options: retryWithBackoff(3, 5000),
  },
  // Scheduled per router; router trouble is recorded on the router, only database trouble retries.
  "router.poll": {
    queue: QUEUES.poll,
    payload: z.object({ routerId: z.number().int().positive() }).strict(),
    options: { ...retryWithBackoff(3, 500), removeOnComplete: { count: 1000, age: 600 }, removeOnFail: { count: 1000, age: 86_400 } },
  },
} satisfies Record<string, Contract<z.ZodType>>;

export type JobName = keyof typeof jobContracts;
export type JobPayload<N extends JobName> = z.infer<(typeof jobContracts)[N]["payload"]>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobContracts, name);
}
