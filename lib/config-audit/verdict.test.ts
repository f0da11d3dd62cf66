import { describe, expect, it } from "vitest";
import { judgeFix, type VerdictInput } from "./verdict";

const appliedAt = new Date("2026-12-01T10:00:00Z");
const at = (minutes: number) => new Date(appliedAt.getTime() + minutes * 60_000);
const split = (odd: number, even: number, unmarked: number) => ({
  from: appliedAt,
  to: at(60),
  total: odd + even + unmarked,
  perWan: [
    { wan: "odd", count: odd },
    { wan: "even", count: even },
  ],
  unmarked,
  polls: 10,
});
const nthFix: VerdictInput["expectation"] = {
  summary: "odd 50%, even 50%",
  checks: [
    { kind: "share", wan: "odd", target: 0.5, tolerance: 0.02 },
    { kind: "share", wan: "even", target: 0.5, tolerance: 0.02 },
    { kind: "unmarked", max: 0.01 },
  ],
  minNewConnections: 1000,
  minMinutes: 0,
};
const pcc: VerdictInput["expectation"] = {
  summary: "no race",
  checks: [{ kind: "no-new-dual-listed" }],
  minNewConnections: 10,
  minMinutes: 30,
};
const base = { appliedAt, newDualListed: [], newDualListedPinned: [] };

describe("judgeFix", () => {
  it.each([
    ["too few new connections yet", { ...base, expectation: nthFix, now: at(5), split: split(300, 300, 0) }, "watching"],
    ["50/50 over enough connections", { ...base, expectation: nthFix, now: at(20), split: split(5040, 4960, 0) }, "kept"],
    ["still 50/25/25", { ...base, expectation: nthFix, now: at(20), split: split(5000, 2500, 2500) }, "not-kept"],
    ["PCC before half an hour", { ...base, expectation: pcc, now: at(12), split: split(40, 40, 0) }, "watching"],
    ["PCC after half an hour, none dual-listed", { ...base, expectation: pcc, now: at(31), split: split(40, 40, 0) }, "kept"],
    [
      "a client dual-listed ends the watch at once",
      { ...base, expectation: pcc, now: at(3), split: null, newDualListed: ["192.168.0.9"] },
      "not-kept",
    ],
    [
      "read-back only",
      { ...base, expectation: { summary: "", checks: [], minNewConnections: 0, minMinutes: 0 }, now: at(0), split: null },
      "kept",
    ],
  ] as const)("%s", (_name, input, state) => {
    expect(judgeFix(input as VerdictInput).state).toBe(state);
  });

  it("says what it is waiting for", () => {
    expect(judgeFix({ ...base, expectation: nthFix, now: at(5), split: split(300, 300, 0) }).summary).toBe(
      "Watching: 600 of 1,000 new connections seen so far.",
    );
  });
});
