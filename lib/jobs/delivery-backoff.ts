// Webhook retries: exponential from 1 s, capped at 5 minutes, for about 3 days of attempts, so a
// receiver that is down for a while delays notifications but loses none.
export const DELIVERY_BACKOFF = { baseMs: 1000, capMs: 5 * 60_000 } as const;
export const DELIVERY_MAX_ATTEMPTS = 900;
export const DELIVERY_BACKOFF_TYPE = "alert-delivery";

/** Delay before retry number `attemptsMade` (1 after the first failure). */
export function deliveryBackoffMs(attemptsMade: number): number {
  const exponent = Math.min(Math.max(0, attemptsMade - 1), 30);
  return Math.min(DELIVERY_BACKOFF.capMs, DELIVERY_BACKOFF.baseMs * 2 ** exponent);
}
