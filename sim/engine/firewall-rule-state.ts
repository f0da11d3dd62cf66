import type { FirewallRule } from "../model/config";

/** A configured rule plus what RouterOS keeps per rule at run time: counters and the nth counter. */
export type RuleState = {
  id: number;
  rule: FirewallRule;
  bytes: number;
  packets: number;
  /** packets that reached this rule and matched its other conditions, modulo nth.every */
  nthCount: number;
  /** the rule uses a matcher or action the engine cannot evaluate, so it never matches */
  unmodelled: boolean;
};

export function createRuleState(id: number, rule: FirewallRule): RuleState {
  return { id, rule, bytes: 0, packets: 0, nthCount: 0, unmodelled: rule.unmodelled.length > 0 };
}

export function resetCounters(rules: RuleState[]): void {
  for (const r of rules) {
    r.bytes = 0;
    r.packets = 0;
    r.nthCount = 0;
  }
}
