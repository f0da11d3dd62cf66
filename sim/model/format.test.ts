import { describe, expect, it } from "vitest";
import { formatDate, formatDuration, formatId, parseDuration, parseId } from "./format";

describe("RouterOS formats", () => {
  it.each([
    [0, "0s"],
    [999, "0s"],
    [86_391_000, "23h59m51s"],
    [86_400_000, "1d"],
    [(7 * 86_400 + 2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000, "1w2d3h4m5s"],
  ])("duration %d ms prints %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it("parses the time forms of exports and the API", () => {
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("00:05:00")).toBe(300_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("30")).toBe(30_000);
    expect(parseDuration("1x")).toBeUndefined();
  });

  it("prints ids and dates per version", () => {
    expect(formatId(26)).toBe("*1A");
    expect(parseId("*1A")).toBe(26);
    expect(parseId("1A")).toBeUndefined();
    const t = Date.UTC(2025, 0, 2, 3, 4, 5);
    expect(formatDate(t, "v6")).toBe("jan/02/2025 03:04:05");
    expect(formatDate(t, "v7")).toBe("2025-01-02 03:04:05");
  });
});
