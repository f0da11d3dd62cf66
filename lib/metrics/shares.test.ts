import { describe, expect, it } from "vitest";
import { connectionShares } from "./shares";
import { imbalance } from "./imbalance";

describe("connectionShares", () => {
  it.each([
    ["seed-like split", [300, 100], 500, [0.6, 0.2], 100, 0.2],
    ["all unmarked", [0, 0], 40, [0, 0], 40, 1],
    ["empty table", [0, 0], 0, [null, null], 0, null],
    ["counts read after the total grew", [60, 50], 100, [60 / 110, 50 / 110], 0, 0],
  ])("%s", (_name, counts, total, shares, unmarked, unmarkedShare) => {
    const result = connectionShares({ wans: counts.map((connections, i) => ({ wan: `w${i}`, connections })), total });
    expect(result.perWan.map((w) => w.share)).toEqual(shares);
    expect(result.unmarked).toEqual({ connections: unmarked, share: unmarkedShare });
  });
});

describe("imbalance", () => {
  it.each([
    ["balanced", [50, 50], [1, 1], 0, "a"],
    ["seed skew against a 50/50 intent", [50, 25], [1, 1], 1 / 6, "a"],
    ["skew matches the expected 2:1", [50, 25], [0.5, 0.25], 0, "a"],
    ["one WAN idle", [0, 30], [1, 1], 0.5, "a"],
  ])("%s", (_name, observed, weights, maxDeviation, worst) => {
    const result = imbalance(observed.map((o, i) => ({ wan: i === 0 ? "a" : "b", observed: o, expectedWeight: weights[i] ?? 0 })));
    expect(result.maxDeviation).toBeCloseTo(maxDeviation, 10);
    expect(result.worstWan).toBe(worst);
  });

  it("reports nothing when nothing was observed", () => {
    expect(imbalance([{ wan: "a", observed: 0, expectedWeight: 1 }])).toMatchObject({ maxDeviation: null, worstWan: null });
  });
});
