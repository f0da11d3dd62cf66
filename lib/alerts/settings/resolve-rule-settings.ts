import { DEFAULT_RULE_SETTINGS, FLAG_RULES } from "../rules";
import type { RuleKind, RuleSettings, Severity } from "../types";

/** One alert_rule_configs row as stored: null thresholds inherit. */
export type RuleConfigRow = {
  enabled: boolean;
  threshold: number | null;
  clearThreshold: number | null;
  forSeconds: number;
  severity: Severity;
};

/**
 * Built-in defaults, then the fleet row, then the router's row. A row replaces enabled, forSeconds and
 * severity; its null thresholds inherit. A threshold given without a clear threshold keeps the
 * default's hysteresis ratio, so raising one never leaves the clear point above it.
 */
export function resolveRuleSettings(options: {
  rule: RuleKind;
  fleet?: RuleConfigRow | null;
  router?: RuleConfigRow | null;
}): RuleSettings {
  const builtIn = DEFAULT_RULE_SETTINGS[options.rule];
  let settings: RuleSettings = { ...builtIn };
  for (const row of [options.fleet, options.router]) {
    if (!row) continue;
    const threshold = row.threshold ?? settings.threshold;
    const ratio = builtIn.threshold > 0 ? builtIn.clearThreshold / builtIn.threshold : 1;
    const clearThreshold = row.clearThreshold ?? (row.threshold === null ? settings.clearThreshold : threshold * ratio);
    settings = { enabled: row.enabled, threshold, clearThreshold, forSeconds: Math.max(0, row.forSeconds), severity: row.severity };
  }
  if (FLAG_RULES.has(options.rule)) return { ...settings, threshold: 1, clearThreshold: 1 };
  return { ...settings, clearThreshold: Math.min(settings.clearThreshold, settings.threshold) };
}
