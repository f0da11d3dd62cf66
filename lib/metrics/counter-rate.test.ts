import { describe, expect, it } from "vitest";
import { bitsPerSecond, counterDelta, interfaceThroughput } from "./counter-rate";

describe("counterDelta", () => {
  it.each([
    ["first sample", null, { at: 10_000, value: 5 }, false, { kind: "none", reason: "no_previous" }],
    [
      "steady growth",
      { at: 0, value: 1_000 },
      { at: 10_000, value: 11_000 },
      false,
      { kind: "delta", delta: 10_000, seconds: 10, perSecond: 1_000 },
    ],
    ["no traffic", { at: 0, value: 7 }, { at: 5_000, value: 7 }, false, { kind: "delta", delta: 0, seconds: 5, perSecond: 0 }],
    [
      "counter went back (reset or wrap)",
      { at: 0, value: 4_294_967_000 },
      { at: 10_000, value: 100 },
      false,
      { kind: "reset", reason: "went_back" },
    ],
    [
      "reboot, even if the counter is higher again",
      { at: 0, value: 100 },
      { at: 10_000, value: 5_000 },
      true,
      { kind: "reset", reason: "reboot" },
    ],
    ["same timestamp", { at: 5_000, value: 1 }, { at: 5_000, value: 2 }, false, { kind: "none", reason: "bad_interval" }],
    ["time went back", { at: 6_000, value: 1 }, { at: 5_000, value: 2 }, false, { kind: "none", reason: "bad_interval" }],
    ["negative value", { at: 0, value: -1 }, { at: 5_000, value: 2 }, false, { kind: "none", reason: "bad_value" }],
    ["NaN", { at: 0, value: 1 }, { at: 5_000, value: Number.NaN }, false, { kind: "none", reason: "bad_value" }],
  ])("%s", (_name, prev, curr, rebooted, expected) => {
    expect(counterDelta({ prev, curr, rebooted })).toEqual(expected);
  });
});

describe("bitsPerSecond", () => {
  it("multiplies bytes per second by 8 and never goes negative", () => {
    expect(bitsPerSecond({ prev: { at: 0, value: 0 }, curr: { at: 2_000, value: 250 } })).toBe(1_000);
    expect(bitsPerSecond({ prev: { at: 0, value: 500 }, curr: { at: 2_000, value: 0 } })).toBeNull();
  });

  it("computes rx and tx separately", () => {
    expect(interfaceThroughput({ prev: { at: 0, rxBytes: 0, txBytes: 100 }, curr: { at: 1_000, rxBytes: 125, txBytes: 50 } })).toEqual({
      rxBps: 1_000,
      txBps: null,
    });
    expect(interfaceThroughput({ prev: null, curr: { at: 1_000, rxBytes: 1, txBytes: 1 } })).toEqual({ rxBps: null, txBps: null });
  });
});
