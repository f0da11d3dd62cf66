// Capped exponential backoff with jitter: attempt 1 waits ~base, then doubles up to the cap. The jitter
// (50–100% of the step) keeps a fleet that lost its uplink together from reconnecting in lockstep.

export type BackoffPolicy = { baseMs: number; capMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

export function backoffDelayMs(options: { failures: number; policy?: BackoffPolicy; random: () => number }): number {
  const { baseMs, capMs } = options.policy ?? DEFAULT_BACKOFF;
  if (options.failures <= 0) return 0;
  const step = Math.min(capMs, baseMs * 2 ** Math.min(options.failures - 1, 30));
  return Math.round(step * (0.5 + 0.5 * options.random()));
}
