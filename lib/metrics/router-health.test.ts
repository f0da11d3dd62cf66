import { describe, expect, it } from "vitest";
import { isDataStale, routerHealth } from "./router-health";

const now = new Date("2026-11-29T14:10:00Z");
const ago = (sec: number): Date => new Date(now.getTime() - sec * 1000);

describe("routerHealth", () => {
  it.each([
    { status: "ok", enabled: true, lastPollAt: ago(5), pollIntervalSec: 10, expected: "ok" },
    { status: "ok", enabled: true, lastPollAt: ago(20), pollIntervalSec: 10, expected: "ok" },
    { status: "ok", enabled: true, lastPollAt: ago(21), pollIntervalSec: 10, expected: "stale" },
    { status: "ok", enabled: true, lastPollAt: null, pollIntervalSec: 10, expected: "stale" },
    { status: "ok", enabled: true, lastPollAt: ago(100), pollIntervalSec: 60, expected: "ok" },
    { status: "unreachable", enabled: true, lastPollAt: ago(5), pollIntervalSec: 10, expected: "unreachable" },
    { status: "auth_failed", enabled: true, lastPollAt: ago(500), pollIntervalSec: 10, expected: "auth_failed" },
    { status: "unknown", enabled: true, lastPollAt: null, pollIntervalSec: 10, expected: "unknown" },
    { status: "ok", enabled: false, lastPollAt: ago(5), pollIntervalSec: 10, expected: "disabled" },
    { status: "something-new", enabled: true, lastPollAt: ago(5), pollIntervalSec: 10, expected: "error" },
  ])("$status, polled $lastPollAt, every $pollIntervalSec s → $expected", ({ expected, ...input }) => {
    expect(routerHealth({ ...input, now })).toBe(expected);
  });
});

describe("isDataStale", () => {
  it("is stale past two intervals or without data", () => {
    expect(isDataStale({ readAt: ago(19), pollIntervalSec: 10, now })).toBe(false);
    expect(isDataStale({ readAt: ago(21), pollIntervalSec: 10, now })).toBe(true);
    expect(isDataStale({ readAt: null, pollIntervalSec: 10, now })).toBe(true);
  });
});
