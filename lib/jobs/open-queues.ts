import type { QueueBackend, QueueHandle } from "../queue/backend";
import { QUEUES, type QueueName } from "./contracts";

/** One handle per queue of the contracts, opened once for a process's lifetime and closed with it. */
export type OpenQueues = Record<QueueName, QueueHandle>;

export function openQueues(backend: QueueBackend): OpenQueues {
  return Object.fromEntries(Object.values(QUEUES).map((name) => [name, backend.createQueue(name)])) as OpenQueues;
}
