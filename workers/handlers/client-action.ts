import { runClientAction } from "../../lib/actions";
import { ServiceUnavailableError } from "../../lib/errors";
import { jobContracts } from "../../lib/jobs";
import type { JobHandler } from "../registry-types";

type ClientJob = "client.move" | "client.pin" | "client.unpin" | "client.resolve-dual";

// One handler for the four client actions: the ClientAction row says which; the payload is its id only.
function clientActionHandler<N extends ClientJob>(name: N): JobHandler<N> {
  return async ({ ctx, payload, attempt }) => {
    const finalAttempt = attempt >= (jobContracts[name].options.attempts ?? 1);
    const outcome = await runClientAction({ ctx, input: { actionId: payload.actionId, attempt, finalAttempt } });
    // Thrown only so BullMQ retries with backoff; the action row already says "retrying" and why.
    if (outcome.status === "retry") throw new ServiceUnavailableError(outcome.error ?? "router trouble");
    return outcome;
  };
}

export const handleClientMove = clientActionHandler("client.move");
export const handleClientPin = clientActionHandler("client.pin");
export const handleClientUnpin = clientActionHandler("client.unpin");
export const handleClientResolveDual = clientActionHandler("client.resolve-dual");
