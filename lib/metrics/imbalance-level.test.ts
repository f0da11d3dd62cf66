import { describe, expect, it } from "vitest";
import { imbalanceLevel } from "./imbalance-level";

describe("imbalanceLevel", () => {
  it.each([
    [null, "no-data"],
    [0, "balanced"],
    [0.099, "balanced"],
    [0.1, "skewed"],
    [0.19, "skewed"],
    [0.2, "imbalanced"],
    [0.5, "imbalanced"],
  ] as const)("%s → %s", (deviation, expected) => expect(imbalanceLevel(deviation)).toBe(expected));
});
