export { jobContracts, QUEUES, isJobName, type JobName, type JobPayload, type QueueName } from "./contracts";
export { enqueueJob } from "./enqueue";
export { upsertScheduledJob, schedulerJobOptions } from "./schedule-job";
