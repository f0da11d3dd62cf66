import { describe, expect, it } from "vitest";
import { resolveRuleSettings, type RuleConfigRow } from "./resolve-rule-settings";
import { DEFAULT_RULE_SETTINGS } from "../rules";

const row = (over: Partial<RuleConfigRow>): RuleConfigRow => ({
  enabled: true,
  threshold: null,
  clearThreshold: null,
  forSeconds: 0,
  severity: "warning",
  ...over,
});

describe("resolveRuleSettings", () => {
  it.each([
    { name: "no rows → built-in", rule: "imbalance", fleet: null, router: null, expected: DEFAULT_RULE_SETTINGS.imbalance },
    {
      name: "fleet threshold only → clear keeps the default ratio",
      rule: "imbalance",
      fleet: row({ threshold: 0.3, forSeconds: 60 }),
      router: null,
      expected: { enabled: true, threshold: 0.3, clearThreshold: 0.2, forSeconds: 60, severity: "warning" },
    },
    {
      name: "router override wins over fleet, inherits its thresholds",
      rule: "imbalance",
      fleet: row({ threshold: 0.3, clearThreshold: 0.25, forSeconds: 60 }),
      router: row({ forSeconds: 10, severity: "critical" }),
      expected: { enabled: true, threshold: 0.3, clearThreshold: 0.25, forSeconds: 10, severity: "critical" },
    },
    {
      name: "router disables",
      rule: "stale",
      fleet: null,
      router: row({ enabled: false }),
      expected: { ...DEFAULT_RULE_SETTINGS.stale, enabled: false, forSeconds: 0 },
    },
    {
      name: "clear above threshold is capped",
      rule: "unmarked_share",
      fleet: row({ threshold: 0.3, clearThreshold: 0.5 }),
      router: null,
      expected: { enabled: true, threshold: 0.3, clearThreshold: 0.3, forSeconds: 0, severity: "warning" },
    },
    {
      name: "flag rules keep 1/1 whatever is stored",
      rule: "gateway_down",
      fleet: row({ threshold: 5, clearThreshold: 0 }),
      router: null,
      expected: { enabled: true, threshold: 1, clearThreshold: 1, forSeconds: 0, severity: "warning" },
    },
  ] as const)("$name", ({ rule, fleet, router, expected }) => {
    const got = resolveRuleSettings({ rule, fleet, router });
    expect({ ...got, clearThreshold: Number(got.clearThreshold.toFixed(6)) }).toEqual(expected);
  });
});
