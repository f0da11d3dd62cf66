import { describe, expect, it } from "vitest";
import { axisBps, axisCount, axisShare, tickFormatter, tooltipTime } from "./chart-format";

describe("chart axis and tooltip formats", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1k"],
    [12.5e6, "12.5M"],
    [40e6, "40M"],
    [2.25e9, "2.25G"],
  ])("axisBps(%s) = %s", (value, expected) => expect(axisBps(value)).toBe(expected));

  it("formats shares, counts, ticks and tooltip times in UTC", () => {
    expect(axisShare(0.25)).toBe("25%");
    expect(axisCount(12_345)).toBe("12k");
    expect(axisCount(750)).toBe("750");
    const t = Date.parse("2026-11-29T14:02:30Z");
    expect(tickFormatter(3600)(t)).toBe("14:02");
    expect(tickFormatter(30 * 86_400)(t)).toBe("11-29");
    expect(tooltipTime(t, 20)).toBe("2026-11-29 14:02:30 UTC");
    expect(tooltipTime(t, 3600)).toBe("2026-11-29 14:02 UTC (1 h bucket)");
  });
});
