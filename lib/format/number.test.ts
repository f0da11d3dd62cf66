import { describe, expect, it } from "vitest";
import { formatBps, formatInt, formatPercent } from "./number";

describe("formatInt", () => {
  it.each([
    [0, "0"],
    [1234, "1,234"],
    [1234567.6, "1,234,568"],
    [null, "—"],
    [Number.NaN, "—"],
  ])("%s → %s", (value, expected) => expect(formatInt(value)).toBe(expected));
});

describe("formatPercent", () => {
  it.each([
    [0.5, undefined, "50%"],
    [0.25, undefined, "25%"],
    [0.3333, undefined, "33.3%"],
    [0.3333, 2, "33.33%"],
    [1, undefined, "100%"],
    [null, undefined, "—"],
  ])("%s (digits %s) → %s", (value, digits, expected) => expect(formatPercent(value, { digits })).toBe(expected));
});

describe("formatBps", () => {
  it.each([
    [0, "0 bit/s"],
    [999, "999 bit/s"],
    [1000, "1.00 kbit/s"],
    [12_345_678, "12.3 Mbit/s"],
    [150_000_000, "150 Mbit/s"],
    [999_600, "1.00 Mbit/s"],
    [2.5e9, "2.50 Gbit/s"],
    [-2000, "-2.00 kbit/s"],
    [null, "—"],
  ])("%s → %s", (value, expected) => expect(formatBps(value)).toBe(expected));
});
