import { classifierRules, measuredSplitEvidence, pct, ruleLabel, sharesText, type FindingRule } from "../context";
import { convertToPccOption } from "../pcc-plan";
import type { Finding } from "../types";

// PCC classifiers must give every remainder of one denominator to exactly one WAN: a missing remainder
// leaves that share of clients unmarked, a duplicate makes the second rule dead, mixed denominators
// overlap. The walk measures the result; the fix rebuilds the classifier on src-address.

export const pccCoverage: FindingRule = {
  code: "pcc-coverage",
  run(ctx) {
    const rules = classifierRules(ctx);
    if (rules.length === 0 || rules.some((r) => r.nth)) return [];
    const marks = [...new Set(rules.map((r) => r.newConnectionMark as string))];
    const unmarked = [...ctx.unlistedShares].filter(([mark]) => !ctx.wanMarks.has(mark)).reduce((s, [, p]) => s + p, 0);
    const denominators = [...new Set(rules.map((r) => r.pcc!.denominator))];
    const remainders = rules.map((r) => `${r.pcc!.denominator}/${r.pcc!.remainder}`);
    const duplicates = remainders.filter((r, i) => remainders.indexOf(r) !== i);
    const idle = marks.filter((m) => (ctx.unlistedShares.get(m) ?? 0) < 1e-9);
    if (unmarked < 0.005 && duplicates.length === 0 && idle.length === 0 && denominators.length === 1) return [];
    const problems = [
      ...(unmarked >= 0.005 ? [`${pct(unmarked)} of clients match no remainder and stay unmarked`] : []),
      ...(duplicates.length ? [`remainder ${[...new Set(duplicates)].join(", ")} is used twice: the later rule never matches`] : []),
      ...(denominators.length > 1 ? [`denominators differ (${denominators.join(", ")}): the rules' remainders overlap`] : []),
      ...(idle.length ? [`WAN ${idle.join(", ")} gets no new connections`] : []),
    ];
    const pcc = convertToPccOption(ctx, {
      code: "pcc-coverage",
      why: "Rebuilds the classifier with one denominator and every remainder given to exactly one WAN.",
    });
    const finding: Finding = {
      code: "pcc-coverage",
      severity: unmarked >= 0.1 || idle.length > 0 ? "critical" : "warning",
      subject: "",
      title: "PCC remainders do not cover every client exactly once",
      summary: problems.join("; "),
      rules: rules.map((r) => r.ref),
      evidence: [
        {
          label: "PCC rules",
          value: rules.map((r) => `${ruleLabel(r.ref)} ${r.pcc!.fields}:${r.pcc!.denominator}/${r.pcc!.remainder}`).join(", "),
          measured: false,
        },
        { label: "Split of new connections the rules give", value: sharesText(ctx, ctx.unlistedShares), measured: false },
        measuredSplitEvidence(ctx),
      ],
      explanation: [
        "per-connection-classifier=fields:D/r matches connections whose hash leaves remainder r when divided by D. The classifier rules together must give each of the D remainders to one WAN.",
        ...problems.map((p) => `${p[0]!.toUpperCase()}${p.slice(1)}.`),
      ],
      fixes: pcc ? [{ ...pcc, id: "convert-pcc" }] : [],
    };
    return [finding];
  },
};
