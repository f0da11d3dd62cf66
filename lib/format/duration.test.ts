import { describe, expect, it } from "vitest";
import { formatAgo, formatClock, formatDuration, formatTimestamp } from "./duration";

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [999, "0s"],
    [95_000, "1m 35s"],
    [3_600_000, "1h"],
    [26 * 3_600_000 + 5 * 60_000, "1d 2h"],
    [-5000, "0s"],
    [null, "—"],
  ])("%s ms → %s", (ms, expected) => expect(formatDuration(ms)).toBe(expected));
});

describe("formatAgo", () => {
  const now = new Date("2026-11-29T14:10:00Z");
  it("says how long ago, never for missing, in for the future", () => {
    expect(formatAgo({ at: new Date("2026-11-29T14:07:55Z"), now })).toBe("2m 5s ago");
    expect(formatAgo({ at: null, now })).toBe("never");
    expect(formatAgo({ at: new Date("2026-11-29T14:12:00Z"), now })).toBe("in 2m");
    expect(formatAgo({ at: now, now })).toBe("just now");
  });
});

describe("formatClock and formatTimestamp", () => {
  const now = new Date("2026-11-29T23:00:00Z");
  it("shows the UTC clock, with the date only on another day", () => {
    expect(formatClock(new Date("2026-11-29T14:02:09Z"))).toBe("14:02");
    expect(formatClock(new Date("2026-11-29T14:02:09Z"), { seconds: true })).toBe("14:02:09");
    expect(formatTimestamp({ at: new Date("2026-11-29T14:02:00Z"), now })).toBe("14:02 UTC");
    expect(formatTimestamp({ at: new Date("2026-11-28T09:05:00Z"), now })).toBe("2026-11-28 09:05 UTC");
    expect(formatTimestamp({ at: undefined, now })).toBe("never");
  });
});
