// What the dashboard says about a router: the poller's status, except that an "ok" router whose last
// poll is older than two poll intervals is stale (the worker stopped or fell behind).

export const HEALTHS = ["ok", "stale", "unreachable", "auth_failed", "timed_out", "error", "unknown", "disabled"] as const;
export type Health = (typeof HEALTHS)[number];

export const HEALTH_LABEL: Record<Health, string> = {
  ok: "ok",
  stale: "stale",
  unreachable: "unreachable",
  auth_failed: "auth failed",
  timed_out: "timed out",
  error: "error",
  unknown: "not polled yet",
  disabled: "disabled",
};

/** Lower is worse: the fleet sorts the routers that need attention first. */
export const HEALTH_SEVERITY: Record<Health, number> = {
  unreachable: 0,
  auth_failed: 1,
  timed_out: 2,
  error: 3,
  stale: 4,
  unknown: 5,
  ok: 6,
  disabled: 7,
};

export type HealthInput = { status: string; enabled: boolean; lastPollAt: Date | null; pollIntervalSec: number; now: Date };

export function staleAfterMs(pollIntervalSec: number): number {
  return 2 * Math.max(1, pollIntervalSec) * 1000;
}

export function routerHealth(input: HealthInput): Health {
  if (!input.enabled) return "disabled";
  if (input.status === "ok") {
    if (!input.lastPollAt) return "stale";
    return input.now.getTime() - input.lastPollAt.getTime() > staleAfterMs(input.pollIntervalSec) ? "stale" : "ok";
  }
  return (HEALTHS as readonly string[]).includes(input.status) ? (input.status as Health) : "error";
}

/** Data of a router is stale when its newest sample is older than two poll intervals, whatever the status. */
export function isDataStale(options: { readAt: Date | null; pollIntervalSec: number; now: Date }): boolean {
  if (!options.readAt) return true;
  return options.now.getTime() - options.readAt.getTime() > staleAfterMs(options.pollIntervalSec);
}
