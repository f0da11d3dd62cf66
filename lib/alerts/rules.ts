import type { RuleKind, RuleSettings } from "./types";

export const RULE_KINDS = [
  "imbalance",
  "dual_listed",
  "gateway_down",
  "router_unreachable",
  "auth_failed",
  "stale",
  "unmarked_share",
] as const satisfies readonly RuleKind[];

export const RULE_LABEL: Record<RuleKind, string> = {
  imbalance: "Imbalance",
  dual_listed: "Dual-listed client",
  gateway_down: "Gateway down",
  router_unreachable: "Router unreachable",
  auth_failed: "Authentication failed",
  stale: "Data stale",
  unmarked_share: "Unmarked new connections",
};

/** What the threshold means, for the settings page. */
export const RULE_HELP: Record<RuleKind, string> = {
  imbalance: "Largest |share − expected weight| of any WAN, 0–1, for connections and for throughput.",
  dual_listed: "1 while a client is on more than one WAN list (fires per client).",
  gateway_down: "1 while a WAN's default route is inactive or its interface is not running.",
  router_unreachable: "1 while polls fail with unreachable, timed out or protocol errors.",
  auth_failed: "1 while the router refuses the login.",
  stale: "Poll intervals since the last stored poll.",
  unmarked_share: "Share of new connections that no mangle rule classified, 0–1.",
};

/** Shown with unmarked-share alerts: why the seed recipe leaves a quarter of new connections unmarked. */
export const UNMARKED_EXPLANATION =
  "The seed recipe's nth=2,1 rule takes every other new connection and the next rule nth=2,2 only sees the half left, so it takes 25% of all: " +
  "the remaining 25% get no mark, use the main table's default route and join no list. Use nth=2,1 then a rule without nth (or PCC) to split evenly.";

/** Built-in defaults; the fleet row and router overrides replace them field by field. */
export const DEFAULT_RULE_SETTINGS: Record<RuleKind, RuleSettings> = {
  imbalance: { enabled: true, threshold: 0.15, clearThreshold: 0.1, forSeconds: 300, severity: "warning" },
  dual_listed: { enabled: true, threshold: 1, clearThreshold: 1, forSeconds: 0, severity: "warning" },
  gateway_down: { enabled: true, threshold: 1, clearThreshold: 1, forSeconds: 0, severity: "critical" },
  router_unreachable: { enabled: true, threshold: 1, clearThreshold: 1, forSeconds: 30, severity: "critical" },
  auth_failed: { enabled: true, threshold: 1, clearThreshold: 1, forSeconds: 0, severity: "critical" },
  stale: { enabled: true, threshold: 3, clearThreshold: 2, forSeconds: 0, severity: "warning" },
  unmarked_share: { enabled: true, threshold: 0.2, clearThreshold: 0.15, forSeconds: 600, severity: "warning" },
};

/** Rules whose value is a 0/1 flag: their thresholds are fixed and not shown as editable. */
export const FLAG_RULES: ReadonlySet<RuleKind> = new Set(["dual_listed", "gateway_down", "router_unreachable", "auth_failed"]);
