import { formatInt } from "../../format/number";
import { ruleLabel, type AuditContext, type FindingRule } from "../context";
import type { RawRow } from "../snapshot";
import type { ConfigPath, Finding, RuleRef } from "../types";
import { matcherEntries } from "../walk-chain";

// A rule that can never match: an earlier rule of the same chain matches everything it would (its
// matchers are a subset of this rule's) and stops the packet there. Whatever the later rule was meant
// to do does not happen; it usually means two rules are in the wrong order, or a duplicate.

/** Matchers that make a rule match only some of the packets its other matchers select. */
const PARTIAL = new Set([
  "nth",
  "per-connection-classifier",
  "random",
  "limit",
  "dst-limit",
  "connection-limit",
  "connection-rate",
  "time",
  "psd",
]);
const NAT_TERMINAL = new Set(["masquerade", "src-nat", "dst-nat", "netmap", "same", "redirect", "accept", "return"]);

type Row = { raw: RawRow; ref: RuleRef; chain: string; action: string; disabled: boolean; packets: number };

function terminal(path: ConfigPath, row: Row): boolean {
  if (path === "/ip/firewall/nat") return NAT_TERMINAL.has(row.action);
  if (row.action === "accept" || row.action === "return" || row.action === "drop") return true;
  if (row.action.startsWith("mark-")) return row.raw.passthrough === "false" || row.raw.passthrough === "no";
  return false;
}

function shadowedPairs(path: ConfigPath, rows: readonly Row[]): { rule: Row; by: Row }[] {
  const out: { rule: Row; by: Row }[] = [];
  const active = rows.filter((r) => !r.disabled && r.raw.invalid !== "true");
  active.forEach((rule, j) => {
    const mine = new Map(matcherEntries(rule.raw));
    const by = active
      .slice(0, j)
      .find(
        (earlier) =>
          earlier.chain === rule.chain &&
          terminal(path, earlier) &&
          matcherEntries(earlier.raw).every(([key, value]) => !PARTIAL.has(key) && mine.get(key) === value),
      );
    if (by) out.push({ rule, by });
  });
  return out;
}

function balancing(ctx: AuditContext, raw: RawRow): boolean {
  const lists = new Set(ctx.model.setup.wans.map((w) => w.addressList));
  const routing = new Set(ctx.model.setup.wans.map((w) => w.routingMark ?? w.routingTable));
  return (
    ctx.wanMarks.has(raw["new-connection-mark"] ?? "") || routing.has(raw["new-routing-mark"] ?? "") || lists.has(raw["address-list"] ?? "")
  );
}

export const shadowedRule: FindingRule = {
  code: "shadowed-rule",
  run(ctx) {
    const pairs = [
      ...shadowedPairs("/ip/firewall/mangle", ctx.model.mangle).map((p) => ({ ...p, path: "/ip/firewall/mangle" as const })),
      ...shadowedPairs(
        "/ip/firewall/nat",
        ctx.model.nat.map((r) => ({ ...r, packets: Number(r.raw.packets ?? 0) })),
      ).map((p) => ({
        ...p,
        path: "/ip/firewall/nat" as const,
      })),
    ];
    return pairs.map(({ rule, by, path }): Finding => ({
      code: "shadowed-rule",
      severity: balancing(ctx, rule.raw) ? "warning" : "info",
      subject: rule.ref.id,
      title: `${path === "/ip/firewall/nat" ? "NAT" : "Mangle"} ${ruleLabel(rule.ref)} can never match`,
      summary: `shadowed by ${ruleLabel(by.ref)}`,
      rules: [rule.ref, by.ref],
      evidence: [
        { label: `Packets matched by ${ruleLabel(rule.ref)}`, value: formatInt(rule.packets), measured: true },
        { label: `Packets matched by ${ruleLabel(by.ref)}`, value: formatInt(by.packets), measured: true },
      ],
      explanation: [
        `${ruleLabel(by.ref)} (${by.ref.text}) comes first, matches every packet ${ruleLabel(rule.ref)} would, and stops processing (${by.action}${by.action.startsWith("mark-") ? ", passthrough=no" : ""}). So ${ruleLabel(rule.ref)} (${rule.ref.text}) never sees a packet it could match.`,
        "If the rule is meant to act, it has to go above the rule that shadows it, which changes what that traffic does: review that by hand. Disabling it changes nothing and makes the dead rule visible as such.",
      ],
      fixes: [
        {
          id: "minimal",
          title: `Disable ${ruleLabel(rule.ref)}`,
          description: [
            "No traffic changes: the rule never matched. It stays in the configuration, disabled, to be moved or removed by hand.",
          ],
          commands: [{ op: "disable", path, id: rule.ref.id }],
          touches: [rule.ref],
          expectation: { summary: "no change in traffic", checks: [], minNewConnections: 0, minMinutes: 0 },
        },
      ],
    }));
  },
};
