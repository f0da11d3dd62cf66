import type { AlertRuleKind, AlertSeverity, AlertState } from "../db/generated/client";

export type RuleKind = AlertRuleKind;
export type Severity = AlertSeverity;
export type OpenState = Exclude<AlertState, "resolved">;

/** A rule's effective settings for one router (fleet default, then router override, then built-in). */
export type RuleSettings = {
  enabled: boolean;
  /** The value at or above which the condition holds. */
  threshold: number;
  /** Below this the condition clears (hysteresis); never above `threshold`. */
  clearThreshold: number;
  forSeconds: number;
  severity: Severity;
};

/** What one evaluation saw for one (rule, subject): a value to compare, or null when it cannot tell. */
export type Observation = {
  rule: RuleKind;
  /** WAN name, client address, metric name, or "" for the router itself. */
  subject: string;
  value: number | null;
  message: string;
  details?: Record<string, unknown>;
};
