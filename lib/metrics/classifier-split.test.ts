import { describe, expect, it } from "vitest";
import { expectedClassifierWeights, newConnectionSplit, type ClassifierRule } from "./classifier-split";

const seed: ClassifierRule[] = [
  { ruleId: "*5", wan: "odd", order: 4, kind: "nth", every: 2, packet: 1 },
  { ruleId: "*8", wan: "even", order: 7, kind: "nth", every: 2, packet: 2 },
];
const pcc3: ClassifierRule[] = [0, 1, 2].map((r) => ({
  ruleId: `*${r + 7}`,
  wan: `wan${r + 1}`,
  order: 6 + r,
  kind: "pcc",
  denominator: 3,
  remainder: r,
}));

describe("expectedClassifierWeights", () => {
  it.each([
    ["seed nth 2,1 then 2,2: 50/25 and 25% unmarked", seed, [0.5, 0.25], 0.25],
    ["PCC 3/0..3/2 covers everything", pcc3, [1 / 3, 1 / 3, 1 / 3], 0],
    ["PCC with one remainder missing", pcc3.slice(0, 2), [1 / 3, 1 / 3], 1 / 3],
    [
      "nth 3,1 / 2,1 / 1,1: an even three-way split",
      [3, 2, 1].map((every, i) => ({ ruleId: `*${i}`, wan: `w${i}`, order: i, kind: "nth" as const, every, packet: 1 })),
      [1 / 3, 1 / 3, 1 / 3],
      0,
    ],
    ["no rules", [], [], 1],
  ])("%s", (_name, rules, weights, unmarked) => {
    const result = expectedClassifierWeights(rules);
    result.perWan.forEach((w, i) => expect(w.weight).toBeCloseTo(weights[i] ?? NaN, 10));
    expect(result.perWan).toHaveLength(weights.length);
    expect(result.unmarked).toBeCloseTo(unmarked, 10);
  });
});

describe("newConnectionSplit", () => {
  const counters = (entries: [string, number][]) => new Map(entries);

  it("derives the total from the first nth rule and shows the unmarked quarter", () => {
    const result = newConnectionSplit({
      rules: seed,
      prev: counters([
        ["*5", 100],
        ["*8", 50],
      ]),
      curr: counters([
        ["*5", 600],
        ["*8", 300],
      ]),
    });
    expect(result).toEqual({
      kind: "split",
      total: 1_000,
      perWan: [
        { wan: "odd", count: 500, share: 0.5 },
        { wan: "even", count: 250, share: 0.25 },
      ],
      unmarked: { count: 250, share: 0.25 },
      estimated: true,
    });
  });

  it("counts nth exactly when the last rule takes what is left (the fixed seed: nth=2,1 then nth=1,1)", () => {
    const fixed: ClassifierRule[] = [seed[0]!, { ruleId: "*8", wan: "even", order: 7, kind: "nth", every: 1, packet: 1 }];
    // 501 reached the first rule, which took 251 (its counter's phase); the second took the other 250.
    const result = newConnectionSplit({
      rules: fixed,
      prev: counters([
        ["*5", 0],
        ["*8", 0],
      ]),
      curr: counters([
        ["*5", 251],
        ["*8", 250],
      ]),
    });
    expect(result).toMatchObject({ kind: "split", total: 501, unmarked: { count: 0, share: 0 }, estimated: false });
  });

  it("counts PCC exactly when every remainder is covered", () => {
    const result = newConnectionSplit({
      rules: pcc3,
      prev: counters([
        ["*7", 0],
        ["*8", 0],
        ["*9", 0],
      ]),
      curr: counters([
        ["*7", 40],
        ["*8", 30],
        ["*9", 30],
      ]),
    });
    expect(result).toMatchObject({ kind: "split", total: 100, unmarked: { count: 0, share: 0 }, estimated: false });
  });

  it.each([
    [
      "no previous poll",
      null,
      counters([
        ["*5", 1],
        ["*8", 1],
      ]),
      { kind: "none", reason: "no_previous" },
    ],
    [
      "a rule vanished",
      counters([["*5", 1]]),
      counters([
        ["*5", 1],
        ["*8", 1],
      ]),
      { kind: "none", reason: "missing_counter" },
    ],
    [
      "counters reset (reboot)",
      counters([
        ["*5", 100],
        ["*8", 50],
      ]),
      counters([
        ["*5", 3],
        ["*8", 1],
      ]),
      { kind: "reset" },
    ],
  ])("%s", (_name, prev, curr, expected) => {
    expect(newConnectionSplit({ rules: seed, prev, curr })).toEqual(expected);
  });

  it("no traffic gives a zero total with null shares", () => {
    const same = counters([
      ["*5", 9],
      ["*8", 4],
    ]);
    expect(newConnectionSplit({ rules: seed, prev: same, curr: same })).toMatchObject({
      kind: "split",
      total: 0,
      unmarked: { count: 0, share: null },
    });
  });
});
