import { describe, expect, it } from "vitest";
import { needsCheck } from "./needs-check";
import { DEFAULT_RULE_SETTINGS } from "../rules";

const now = new Date("2026-11-29T12:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const router = (over: Partial<Parameters<typeof needsCheck>[0]["router"]> = {}) => ({
  id: 1,
  enabled: true,
  lastPollAt: ago(5),
  createdAt: ago(3600),
  lastAttemptAt: ago(5),
  pollIntervalSec: 10,
  ...over,
});
const check = (over: Partial<Parameters<typeof needsCheck>[0]> = {}) =>
  needsCheck({ router: router(), trackedAny: new Set(), trackedStale: new Set(), settings: DEFAULT_RULE_SETTINGS.stale, now, ...over });

describe("needsCheck (which routers the fleet-wide check evaluates)", () => {
  it("skips a healthy router with nothing open", () => {
    expect(check()).toBe(false);
  });
  it("evaluates a router past the stale threshold, counting a failed attempt (updated_at) as an attempt", () => {
    expect(check({ router: router({ lastPollAt: ago(31), lastAttemptAt: ago(31) }) })).toBe(true);
    expect(check({ router: router({ lastPollAt: ago(29), lastAttemptAt: ago(29) }) })).toBe(false);
    expect(check({ router: router({ lastPollAt: ago(300), lastAttemptAt: ago(5) }) })).toBe(false);
    expect(check({ router: router({ lastPollAt: null, createdAt: ago(40), lastAttemptAt: ago(40) }) })).toBe(true);
  });
  it("follows the rule's own threshold and honours a disabled rule", () => {
    const stale = router({ lastPollAt: ago(15), lastAttemptAt: ago(15) });
    expect(check({ router: stale, settings: { ...DEFAULT_RULE_SETTINGS.stale, threshold: 1.2 } })).toBe(true);
    expect(
      check({
        router: router({ lastPollAt: ago(300), lastAttemptAt: ago(300) }),
        settings: { ...DEFAULT_RULE_SETTINGS.stale, enabled: false },
      }),
    ).toBe(false);
  });
  it("always evaluates a router with a stale condition or alert, so it can resolve", () => {
    expect(check({ trackedStale: new Set([1]), trackedAny: new Set([1]) })).toBe(true);
  });
  it("evaluates a disabled router only while it still has something open", () => {
    expect(check({ router: router({ enabled: false, lastPollAt: ago(900), lastAttemptAt: ago(900) }) })).toBe(false);
    expect(check({ router: router({ enabled: false }), trackedAny: new Set([1]) })).toBe(true);
  });
});
