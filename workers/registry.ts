import type { JobName } from "../lib/jobs";
import type { JobHandler } from "./registry-types";
import { handleSystemPing } from "./handlers/system-ping";

// Job name → handler. Payload schemas, queues and retry policies are in lib/jobs/contracts.ts so the
// app can validate before enqueueing without importing handlers.
export const handlers: { [N in JobName]: JobHandler<N> } = {
  "system.ping": handleSystemPing,
};
