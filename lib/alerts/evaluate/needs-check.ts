import { staleness, type RouterFacts } from "./observe-router";
import type { RuleSettings } from "../types";

/**
 * Whether evaluating a router could change anything. Without an open alert or a pending condition, a
 * rule only acts on a breach (lib/alerts/evaluate/transition.ts), so a healthy fleet of hundreds of routers
 * costs one read here instead of one evaluation per router every ten seconds. Disabled routers are
 * evaluated on all rules, but only to resolve what is still open.
 */
export function needsCheck(options: {
  router: { id: number; enabled: boolean } & Pick<RouterFacts, "lastPollAt" | "createdAt" | "lastAttemptAt" | "pollIntervalSec">;
  trackedAny: ReadonlySet<number>;
  trackedStale: ReadonlySet<number>;
  settings: RuleSettings;
  now: Date;
}): boolean {
  const { router, settings } = options;
  if (!router.enabled) return options.trackedAny.has(router.id);
  if (options.trackedStale.has(router.id)) return true;
  return settings.enabled && staleness({ router, now: options.now }).intervals >= settings.threshold;
}
