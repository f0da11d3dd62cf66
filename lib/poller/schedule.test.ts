import { describe, expect, it } from "vitest";
import { pollPhaseMs } from "./schedule";

describe("pollPhaseMs", () => {
  it("spreads any run of router ids evenly over the interval", () => {
    const buckets = Array.from({ length: 10 }, () => 0);
    for (let id = 1; id <= 500; id++) buckets[Math.floor(pollPhaseMs(id, 10_000) / 1000)]!++;
    for (const count of buckets) expect(count).toBeGreaterThanOrEqual(45);
    for (const count of buckets) expect(count).toBeLessThanOrEqual(55);
  });

  it("is stable, inside the interval and never 0 (BullMQ's 'no offset')", () => {
    for (const every of [2_000, 10_000, 3_600_000]) {
      for (let id = 1; id <= 2_000; id++) {
        const phase = pollPhaseMs(id, every);
        expect(phase).toBe(pollPhaseMs(id, every));
        expect(phase).toBeGreaterThanOrEqual(1);
        expect(phase).toBeLessThan(every);
      }
    }
  });

  it("gives neighbouring routers different phases", () => {
    expect(pollPhaseMs(1, 10_000)).toBe(6180);
    expect(pollPhaseMs(2, 10_000)).toBe(2360);
    expect(pollPhaseMs(3, 10_000)).toBe(8541);
  });
});
