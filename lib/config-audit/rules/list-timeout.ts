import { formatDuration } from "../../format/duration";
import { ruleLabel, type FindingRule } from "../context";
import type { AuditRule } from "../model";
import type { EvidenceItem, Finding, FixCommand } from "../types";

// The address-list-timeout of the rules that remember clients decides stickiness. Shorter than the poll
// interval, WANscope cannot even see the entries; minutes, and an idle client is classified again and may
// switch WAN; weeks or none, departed clients pile up and a rebalance never reaches existing clients.
// Different timeouts per WAN make the longer-lived list collect more clients than its share.

const DAY = 86_400;
const SHORT_INFO = 300;
const LONG = 7 * DAY;

/** Seconds as RouterOS writes them: 1d, 12h, 1d12h, 30m, 45s. */
export function routerOsDuration(seconds: number): string {
  const units: [number, string][] = [
    [7 * DAY, "w"],
    [DAY, "d"],
    [3600, "h"],
    [60, "m"],
    [1, "s"],
  ];
  let rest = Math.round(seconds);
  let out = "";
  for (const [size, unit] of units) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out || "0s";
}

type Issue = { rule: AuditRule; seconds: number | null; problem: string };

export const listTimeout: FindingRule = {
  code: "list-timeout",
  run(ctx) {
    const lists = new Set(ctx.model.setup.wans.map((w) => w.addressList).filter((l): l is string => l !== null));
    const rules = ctx.model.mangle.filter(
      (r) => !r.disabled && r.action === "add-src-to-address-list" && r.addressList !== null && lists.has(r.addressList),
    );
    if (rules.length === 0) return [];
    const poll = ctx.evidence.pollIntervalSec;
    const secondsOf = (r: AuditRule): number | null =>
      r.addressListTimeoutNone || r.addressListTimeoutSeconds === null || r.addressListTimeoutSeconds === 0
        ? null
        : r.addressListTimeoutSeconds;
    const issues: Issue[] = [];
    for (const rule of rules) {
      const seconds = secondsOf(rule);
      if (seconds === null) issues.push({ rule, seconds, problem: "never expires (until reboot or for good)" });
      else if (seconds < poll) issues.push({ rule, seconds, problem: `shorter than the poll interval (${poll} s)` });
      else if (seconds < SHORT_INFO) issues.push({ rule, seconds, problem: "an idle client is classified again after a few minutes" });
      else if (seconds > LONG) issues.push({ rule, seconds, problem: "absurdly long: clients that left stay listed for weeks" });
    }
    const sane = rules.map(secondsOf).filter((s): s is number => s !== null && s >= SHORT_INFO && s <= LONG);
    const spread = sane.length >= 2 && Math.max(...sane) / Math.min(...sane) > 2;
    if (spread)
      for (const rule of rules)
        if (!issues.some((i) => i.rule === rule))
          issues.push({ rule, seconds: secondsOf(rule), problem: "differs from the other WAN lists" });
    if (issues.length === 0) return [];

    const counts = new Map<number, number>();
    for (const s of sane) counts.set(s, (counts.get(s) ?? 0) + 1);
    const target = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? DAY;
    const commands: FixCommand[] = issues
      .filter((i) => i.seconds !== target)
      .map((i) => ({ op: "set", path: "/ip/firewall/mangle", id: i.rule.id, props: { "address-list-timeout": routerOsDuration(target) } }));
    const severe = issues.some((i) => i.seconds === null || i.seconds < poll || i.seconds > LONG) || spread;
    const evidence: EvidenceItem[] = issues.map((i) => ({
      label: `${ruleLabel(i.rule.ref)} → list ${i.rule.addressList}`,
      value: `address-list-timeout=${i.rule.raw["address-list-timeout"] ?? "(none)"}: ${i.problem}`,
      measured: false,
    }));
    for (const list of lists) {
      const size = ctx.evidence.listSizes[list];
      if (size !== undefined) evidence.push({ label: `Clients on ${list} now`, value: String(size), measured: true });
    }
    const finding: Finding = {
      code: "list-timeout",
      severity: severe ? "warning" : "info",
      subject: "",
      title: spread ? "WAN lists keep their clients for different times" : "Address-list timeouts out of range",
      summary: issues.map((i) => `${i.rule.addressList}: ${i.rule.raw["address-list-timeout"] ?? "none"}`).join(", "),
      rules: issues.map((i) => i.rule.ref),
      evidence,
      explanation: [
        "The timeout of an add-src-to-address-list rule is how long a client stays on its WAN after its last connection; each new connection of a listed client refreshes it.",
        ...issues.map(
          (i) => `${ruleLabel(i.rule.ref)}: ${i.problem}${i.seconds !== null ? ` (${formatDuration(i.seconds * 1000)})` : ""}.`,
        ),
        ...(spread
          ? [
              "A list whose entries live longer keeps clients that have gone quiet, so it holds more clients than its share of new connections would give it.",
            ]
          : []),
      ],
      fixes:
        commands.length > 0
          ? [
              {
                id: "minimal",
                title: `Set address-list-timeout=${routerOsDuration(target)} on ${commands.length} rule${commands.length === 1 ? "" : "s"}`,
                description: [
                  `${routerOsDuration(target)} is ${sane.length ? "the timeout most WAN lists already use" : "the seed recipe's timeout"}: long enough for a working day of stickiness, short enough for departed clients to leave. Existing entries keep their remaining time until refreshed.`,
                ],
                commands,
                touches: issues.filter((i) => i.seconds !== target).map((i) => i.rule.ref),
                expectation: {
                  summary: `every WAN list keeps clients for ${routerOsDuration(target)}`,
                  checks: [],
                  minNewConnections: 0,
                  minMinutes: 0,
                },
              },
            ]
          : [],
    };
    return [finding];
  },
};
