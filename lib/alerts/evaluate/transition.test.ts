import { describe, expect, it } from "vitest";
import { acknowledgeState, classify, nextAlertState, type PreviousState, type TransitionResult } from "./transition";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const numeric = { enabled: true, threshold: 0.15, clearThreshold: 0.1, forSeconds: 60 };
const flag = { enabled: true, threshold: 1, clearThreshold: 1, forSeconds: 0 };
const none: PreviousState = { alert: null, conditionSince: null };
const pending = (s: number): PreviousState => ({ alert: null, conditionSince: at(s) });
const open = (state: "firing" | "acknowledged", s = 0): PreviousState => ({ alert: state, conditionSince: at(s) });
const result = (alert: TransitionResult["alert"], since: number | null, event: TransitionResult["event"]): TransitionResult => ({
  alert,
  conditionSince: since === null ? null : at(since),
  event,
});

// One row per line of the transition table in transition.ts.
const table: {
  name: string;
  previous: PreviousState;
  value: number | null;
  settings?: typeof numeric;
  now: number;
  expected: TransitionResult;
}[] = [
  {
    name: "nothing, breach, for=0 → fires at once",
    previous: none,
    value: 1,
    settings: flag,
    now: 5,
    expected: result("firing", 5, "fired"),
  },
  { name: "nothing, breach, for>0 → pending", previous: none, value: 0.2, now: 5, expected: result(null, 5, null) },
  { name: "nothing, breach exactly at threshold → pending", previous: none, value: 0.15, now: 5, expected: result(null, 5, null) },
  {
    name: "nothing, hold (between clear and threshold) → nothing",
    previous: none,
    value: 0.12,
    now: 5,
    expected: result(null, null, null),
  },
  { name: "nothing, clear → nothing", previous: none, value: 0.01, now: 5, expected: result(null, null, null) },
  { name: "nothing, unknown → nothing", previous: none, value: null, now: 5, expected: result(null, null, null) },
  { name: "nothing, flag 0 → nothing", previous: none, value: 0, settings: flag, now: 5, expected: result(null, null, null) },
  {
    name: "pending, breach before the duration → still pending",
    previous: pending(0),
    value: 0.3,
    now: 59,
    expected: result(null, 0, null),
  },
  {
    name: "pending, breach at the duration → fires, since kept",
    previous: pending(0),
    value: 0.3,
    now: 60,
    expected: result("firing", 0, "fired"),
  },
  {
    name: "pending, hold past the duration → fires (hysteresis keeps it on)",
    previous: pending(0),
    value: 0.12,
    now: 90,
    expected: result("firing", 0, "fired"),
  },
  { name: "pending, hold before the duration → pending", previous: pending(0), value: 0.12, now: 30, expected: result(null, 0, null) },
  { name: "pending, clear → condition dropped", previous: pending(0), value: 0.05, now: 30, expected: result(null, null, null) },
  {
    name: "pending, unknown past the duration → stays pending, does not fire blind",
    previous: pending(0),
    value: null,
    now: 600,
    expected: result(null, 0, null),
  },
  { name: "firing, breach → unchanged", previous: open("firing"), value: 0.5, now: 100, expected: result("firing", 0, null) },
  { name: "firing, hold → unchanged (no flapping)", previous: open("firing"), value: 0.11, now: 100, expected: result("firing", 0, null) },
  { name: "firing, clear → resolved", previous: open("firing"), value: 0.09, now: 100, expected: result(null, null, "resolved") },
  { name: "firing, unknown → unchanged", previous: open("firing"), value: null, now: 100, expected: result("firing", 0, null) },
  {
    name: "acknowledged, breach → stays acknowledged",
    previous: open("acknowledged"),
    value: 0.5,
    now: 100,
    expected: result("acknowledged", 0, null),
  },
  { name: "acknowledged, clear → resolved", previous: open("acknowledged"), value: 0, now: 100, expected: result(null, null, "resolved") },
  {
    name: "acknowledged, unknown → unchanged",
    previous: open("acknowledged"),
    value: null,
    now: 100,
    expected: result("acknowledged", 0, null),
  },
  {
    name: "firing without a condition row, breach → condition restored at now",
    previous: { alert: "firing", conditionSince: null },
    value: 1,
    settings: flag,
    now: 7,
    expected: result("firing", 7, null),
  },
  {
    name: "flag firing, 0 → resolved",
    previous: open("firing"),
    value: 0,
    settings: flag,
    now: 10,
    expected: result(null, null, "resolved"),
  },
  {
    name: "rule disabled while firing → resolved",
    previous: open("firing"),
    value: 0.9,
    settings: { ...numeric, enabled: false },
    now: 10,
    expected: result(null, null, "resolved"),
  },
  {
    name: "rule disabled while pending → dropped",
    previous: pending(0),
    value: 0.9,
    settings: { ...numeric, enabled: false },
    now: 100,
    expected: result(null, null, null),
  },
  {
    name: "rule disabled, breach → nothing",
    previous: none,
    value: 0.9,
    settings: { ...numeric, enabled: false },
    now: 100,
    expected: result(null, null, null),
  },
];

describe("nextAlertState (transition table)", () => {
  it.each(table)("$name", ({ previous, value, settings, now, expected }) => {
    expect(nextAlertState({ previous, value, settings: settings ?? numeric, now: at(now) })).toEqual(expected);
  });

  it("an imbalance that wobbles around the threshold fires once and resolves once", () => {
    const values = [0.05, 0.16, 0.14, 0.16, 0.13, 0.16, 0.12, 0.16, 0.11, 0.14, 0.09, 0.12, 0.14, 0.05];
    let state: PreviousState = none;
    const events: string[] = [];
    values.forEach((value, i) => {
      const next = nextAlertState({ previous: state, value, settings: { ...numeric, forSeconds: 30 }, now: at(i * 10) });
      if (next.event) events.push(`${next.event}@${i * 10}`);
      state = { alert: next.alert, conditionSince: next.conditionSince };
    });
    expect(events).toEqual(["fired@40", "resolved@100"]);
  });
});

describe("classify", () => {
  it.each([
    { value: null, expected: "unknown" },
    { value: Number.NaN, expected: "unknown" },
    { value: 0.15, expected: "breach" },
    { value: 0.1, expected: "hold" },
    { value: 0.0999, expected: "clear" },
  ] as const)("$value → $expected", ({ value, expected }) => {
    expect(classify({ value, threshold: 0.15, clearThreshold: 0.1 })).toBe(expected);
  });
});

describe("acknowledgeState", () => {
  it.each([
    { current: "firing", expected: { state: "acknowledged", event: "acknowledged" } },
    { current: "acknowledged", expected: { state: "acknowledged", event: null } },
    { current: "resolved", expected: { state: "resolved", event: null } },
  ] as const)("$current → $expected.state", ({ current, expected }) => {
    expect(acknowledgeState(current)).toEqual(expected);
  });
});
