export { jobContracts, QUEUES, isJobName, type JobName, type JobPayload, type QueueName } from "./contracts";
export { enqueueJob } from "./enqueue";
export { upsertScheduledJob, schedulerJobOptions } from "./schedule-job";
export { deliveryBackoffMs, DELIVERY_BACKOFF, DELIVERY_MAX_ATTEMPTS, DELIVERY_BACKOFF_TYPE } from "./delivery-backoff";
export { openQueues, type OpenQueues } from "./open-queues";
