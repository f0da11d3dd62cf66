import { classifierRules, measuredSplitEvidence, pct, ruleLabel, sharesText, wanNameByMark, type FindingRule } from "../context";
import { parseSnapshot } from "../model";
import { convertToPccOption } from "../pcc-plan";
import { applyCommands } from "../predict";
import type { Finding, FixCommand, FixOption } from "../types";
import { sharesByMark, walkNewConnection } from "../walk-chain";

// nth classifiers each count only what reaches them: in the seed, nth=2,1 takes 50% of new connections
// and nth=2,2 half of the other 50%, so 25% stay unmarked. Each rule i of N must take 1 in (N - i).

const TOLERANCE = 0.02;

export const nthSkew: FindingRule = {
  code: "nth-skew",
  run(ctx) {
    const rules = classifierRules(ctx).filter((r) => r.nth);
    if (rules.length === 0) return [];
    const marks = [...new Set(rules.map((r) => r.newConnectionMark as string))];
    const shares = ctx.unlistedShares;
    const unmarked = [...shares].filter(([mark]) => !ctx.wanMarks.has(mark)).reduce((s, [, p]) => s + p, 0);
    const equal = 1 / marks.length;
    const worst = Math.max(...marks.map((m) => Math.abs((shares.get(m) ?? 0) - equal)));
    if (unmarked <= TOLERANCE / 2 && worst <= TOLERANCE) return [];

    // How much each rule sees and takes, in order (the rules between them only act on marked connections).
    let reaching = 1;
    const steps = rules.map((rule) => {
      const every = rule.nth!.every;
      const seen = reaching;
      const taken = seen / every;
      reaching -= taken;
      return `${ruleLabel(rule.ref)} nth=${every},${rule.nth!.packet} → ${wanNameByMark(ctx, rule.newConnectionMark!)}: sees ${pct(seen)} of new connections (what the rules above left) and takes 1 in ${every} of them, ${pct(taken)} of all.`;
    });
    const main = ctx.model.setup.mainRoute;
    const mainWan = main ? ctx.model.setup.wans.find((w) => w.gateway === main.gateway) : undefined;
    const explanation = [
      "Each nth rule has its own counter, and it only counts the new connections that reach it: a connection an earlier classifier marked never gets there. So a later nth rule takes its fraction of what is left, not of all.",
      ...steps,
    ];
    if (unmarked > 1e-9)
      explanation.push(
        `The remaining ${pct(unmarked)} get no connection mark: they leave by the main table's default route${main ? ` (via ${main.gateway}${main.interface ? ` on ${main.interface}` : ""}${mainWan ? `, WAN ${mainWan.name}'s uplink` : ""})` : ""}, no rule adds their client to a list, so the client is classified again on its next connection and is not sticky.`,
      );

    const fixes: FixOption[] = [];
    const commands: FixCommand[] = [];
    if (marks.length === rules.length) {
      rules.forEach((rule, i) => {
        const every = rules.length - i;
        if (rule.nth!.every !== every || rule.nth!.packet !== 1)
          commands.push({ op: "set", path: "/ip/firewall/mangle", id: rule.id, props: { nth: `${every},1` } });
      });
    }
    const predicted = commands.length > 0 ? parseSnapshot(applyCommands({ snapshot: ctx.model.snapshot, commands }).snapshot) : null;
    const after = predicted
      ? sharesByMark(walkNewConnection({ rules: predicted.mangle, traffic: ctx.traffic, visibleLists: new Set() }))
      : null;
    const balanced = after !== null && marks.every((m) => Math.abs((after.get(m) ?? 0) - equal) < 1e-6) && (after.get("") ?? 0) < 1e-9;
    if (balanced) {
      const target = marks.map((m) => `${wanNameByMark(ctx, m)} ${pct(equal)}`).join(", ");
      fixes.push({
        id: "minimal",
        title: `Make the nth rules take 1 in ${rules.map((_, i) => rules.length - i).join(", then 1 in ")}`,
        description: [
          `Rule i of ${rules.length} takes 1 in (${rules.length} − i) of what reaches it, so each takes ${pct(equal)} of all new connections and the last takes everything left: none stays unmarked.`,
          "The dual-listing race stays: two first connections of one client can still be counted onto different WANs before its list entry is visible (see the dual-listing finding; converting to PCC removes both).",
        ],
        commands,
        touches: rules.filter((r) => commands.some((c) => c.op === "set" && c.id === r.id)).map((r) => r.ref),
        expectation: {
          summary: `new connections ${target}, none unmarked (now ${sharesText(ctx, shares)})`,
          checks: [
            ...marks.map((m) => ({ kind: "share" as const, wan: wanNameByMark(ctx, m), target: equal, tolerance: TOLERANCE })),
            { kind: "unmarked", max: 0.01 },
          ],
          minNewConnections: 1000,
          minMinutes: 0,
        },
      });
    }
    const pcc = convertToPccOption(ctx, {
      code: "nth-skew",
      why: "PCC on src-address classifies every new connection of a client on no list, with no counters to skew; it also removes the dual-listing race.",
    });
    if (pcc) fixes.push(pcc);

    const finding: Finding = {
      code: "nth-skew",
      severity: unmarked >= 0.1 || worst >= 0.15 ? "critical" : "warning",
      subject: "",
      title:
        unmarked > 1e-9
          ? `nth classifiers leave ${pct(unmarked)} of new connections unmarked`
          : "nth classifiers split new connections unevenly",
      summary: `rules give ${sharesText(ctx, shares)}`,
      rules: rules.map((r) => r.ref),
      evidence: [
        { label: "Split of new connections the rules give", value: sharesText(ctx, shares), measured: false },
        measuredSplitEvidence(ctx),
      ],
      explanation,
      fixes,
    };
    return [finding];
  },
};
