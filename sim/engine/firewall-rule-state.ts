import type { FirewallRule } from "../model/config";

/** A configured rule plus what RouterOS keeps per rule at run time: counters and the nth counter. */
export type RuleState = {
  id: number;
  rule: FirewallRule;
  bytes: number;
  packets: number;
  /** packets that reached this rule and matched its other conditions, modulo nth.every */
  nthCount: number;
};

export function createRuleStates(rules: FirewallRule[], firstId: number): RuleState[] {
  return rules.map((rule, i) => ({ id: firstId + i, rule, bytes: 0, packets: 0, nthCount: 0 }));
}

export function resetCounters(rules: RuleState[]): void {
  for (const r of rules) {
    r.bytes = 0;
    r.packets = 0;
    r.nthCount = 0;
  }
}
