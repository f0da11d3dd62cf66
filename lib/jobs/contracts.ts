import { z } from "zod";
import type { JobsOptions } from "bullmq";
import { DELIVERY_BACKOFF_TYPE, DELIVERY_MAX_ATTEMPTS } from "./delivery-backoff";

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

function clientActionContract() {
  return {
    queue: QUEUES.actions,
    payload: z.object({ actionId: z.number().int().positive() }).strict(),
    options: retryWithBackoff(3, 1000),
  };
}

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
    // Count-only trimming: with an age limit as well, BullMQ kept every job younger than the age.
    options: { ...retryWithBackoff(3, 500), removeOnComplete: { count: 500 }, removeOnFail: { count: 1000 } },
  },
  // Re-evaluates a router's alerts at a poll's time (the poll job evaluates inline; this is for reruns).
  "alerts.evaluate": {
    queue: QUEUES.alerts,
    payload: z.object({ routerId: z.number().int().positive(), at: z.iso.datetime() }).strict(),
    options: retryWithBackoff(3, 1000),
  },
  // Fleet-wide: stale routers, disabled routers' alerts, deliveries whose job went missing.
  "alerts.check-fleet": {
    queue: QUEUES.alerts,
    payload: z.object({}).strict(),
    options: retryWithBackoff(2, 2000),
  },
  // One webhook delivery; capped backoff (workers/runtime.ts registers the strategy) for ~3 days.
  "alert.deliver": {
    queue: QUEUES.alerts,
    payload: z.object({ deliveryId: z.number().int().positive() }).strict(),
    options: {
      attempts: DELIVERY_MAX_ATTEMPTS,
      backoff: { type: DELIVERY_BACKOFF_TYPE },
      removeOnComplete: { count: 1000, age: 86_400 },
      removeOnFail: { count: 5000, age: 14 * 86_400 },
    },
  },
  // Operator actions on one client (issue 7): the ClientAction row holds what to do; a network error
  // retries (the action is idempotent), a router's refusal fails at once and is shown on the page.
  "client.move": clientActionContract(),
  "client.pin": clientActionContract(),
  "client.unpin": clientActionContract(),
  "client.resolve-dual": clientActionContract(),
  // Configuration fixes (issue 16): the ConfigFix row holds the previewed commands. Router trouble before
  // anything was written retries; after, the job restores the saved rules itself (and a retry finishes a
  // restore an earlier attempt could not).
  "config.apply-fix": {
    queue: QUEUES.actions,
    payload: z.object({ fixId: z.number().int().positive() }).strict(),
    options: retryWithBackoff(4, 2000),
  },
  "config.rollback-fix": {
    queue: QUEUES.actions,
    payload: z.object({ fixId: z.number().int().positive() }).strict(),
    options: retryWithBackoff(4, 2000),
  },
  // Fleet-wide: judge applied fixes against what was measured since (scheduled every minute).
  "config.check-fixes": {
    queue: QUEUES.system,
    payload: z.object({}).strict(),
    options: retryWithBackoff(2, 5000),
  },
} satisfies Record<string, Contract<z.ZodType>>;

export type JobName = keyof typeof jobContracts;
export type JobPayload<N extends JobName> = z.infer<(typeof jobContracts)[N]["payload"]>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobContracts, name);
}
