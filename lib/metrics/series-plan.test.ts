import { describe, expect, it } from "vitest";
import { RANGE_SECONDS, RANGES, seriesPlan } from "./series-plan";

describe("seriesPlan", () => {
  it("reads raw samples for an hour, minute rollups for a day and a week, hour rollups for a month", () => {
    expect(seriesPlan("1h")[0]?.source).toBe("raw");
    expect(seriesPlan("24h")[0]?.source).toBe("minute");
    expect(seriesPlan("7d")[0]?.source).toBe("minute");
    expect(seriesPlan("30d")[0]?.source).toBe("hour");
  });

  it.each(RANGES)("keeps %s at no more than 1,000 points per line, whatever the source", (range) => {
    for (const step of seriesPlan(range)) expect(RANGE_SECONDS[range] / step.binSec).toBeLessThanOrEqual(1000);
  });
});
