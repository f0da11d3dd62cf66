// What a configuration audit produces: findings about a router's balancing configuration, each with
// the rules involved, the evidence WANscope measured, an explanation, and fixes as exact RouterOS
// commands with what WANscope expects them to change.

export const FINDING_CODES = [
  "nth-skew",
  "pcc-coverage",
  "dual-listing-risk",
  "list-not-honoured",
  "pinned-not-honoured",
  "route-no-check-gateway",
  "route-no-fallback",
  "mark-without-route",
  "wan-without-srcnat",
  "list-timeout",
  "weights-mismatch",
  "shadowed-rule",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/** The menus an audit reads and a fix may write, as API paths. */
export const PATHS = {
  mangle: "/ip/firewall/mangle",
  nat: "/ip/firewall/nat",
  route: "/ip/route",
  routingTable: "/routing/table",
} as const;
export type ConfigPath = (typeof PATHS)[keyof typeof PATHS];

/** A rule (or route, or table) as a finding names it: the router's `.id` and its position in print order (0-based, as `print` numbers it). */
export type RuleRef = { path: ConfigPath; id: string; position: number; text: string };

export type EvidenceItem = {
  label: string;
  value: string;
  /** Measured on this router (polls, lists, counters), as opposed to derived from its rules. */
  measured: boolean;
};

/** One RouterOS command of a fix. Ids are the router's `.id`s as read for the preview. */
export type FixCommand =
  | { op: "add"; path: ConfigPath; props: Record<string, string>; placeBefore?: string }
  | { op: "set"; path: ConfigPath; id: string; props: Record<string, string> }
  | { op: "unset"; path: ConfigPath; id: string; prop: string }
  | { op: "remove"; path: ConfigPath; id: string }
  | { op: "move"; path: ConfigPath; id: string; destination: string }
  | { op: "enable"; path: ConfigPath; id: string }
  | { op: "disable"; path: ConfigPath; id: string };

/** What the measured data must show after a fix, checked once enough new connections were seen. */
export type ExpectationCheck =
  | { kind: "share"; wan: string; target: number; tolerance: number }
  | { kind: "unmarked"; max: number }
  | { kind: "no-new-dual-listed" }
  | { kind: "no-new-dual-listed-pinned" };

export type Expectation = {
  /** Human text: "new connections 50/50, no unmarked". */
  summary: string;
  checks: ExpectationCheck[];
  /** New connections (classified by the rules) to see before judging; 0 when only the read-back counts. */
  minNewConnections: number;
  /** Minutes to watch before judging (the dual-listing race needs time, not only connections). */
  minMinutes: number;
};

export type FixOption = {
  /** Stable within its finding: "minimal" for the smallest change, "convert-pcc" for the PCC rewrite. */
  id: string;
  title: string;
  /** Why this change, in a sentence or two; caveats a careful engineer would want to read first. */
  description: string[];
  commands: FixCommand[];
  /** The rules the fix names (and so may change); everything else is left as it is and checked to be. */
  touches: RuleRef[];
  expectation: Expectation;
};

export type Finding = {
  code: FindingCode;
  severity: Severity;
  /** What within the router the finding is about ("" for the router as a whole, a WAN, a list, a rule id). */
  subject: string;
  title: string;
  /** One line for tables and the CLI. */
  summary: string;
  rules: RuleRef[];
  evidence: EvidenceItem[];
  explanation: string[];
  fixes: FixOption[];
};

export function findingKey(finding: Pick<Finding, "code" | "subject">): string {
  return finding.subject ? `${finding.code}:${finding.subject}` : finding.code;
}
