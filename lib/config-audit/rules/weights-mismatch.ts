import { measuredSplitEvidence, pct, sharesText, type FindingRule } from "../context";
import { convertToPccOption } from "../pcc-plan";
import type { Finding } from "../types";

// Expected weights an operator set in WANscope (say 2:1 for a faster uplink) that the classifier rules do
// not produce: imbalance alerts then compare against a split the router was never going to give.

const TOLERANCE = 0.05;

export const weightsMismatch: FindingRule = {
  code: "weights-mismatch",
  run(ctx) {
    const corrected = ctx.evidence.wans.filter((w) => w.corrected);
    if (corrected.length === 0) return [];
    const rows = ctx.model.setup.wans.map((wan) => {
      const stored = ctx.evidence.wans.find((w) => w.name === wan.name);
      return { wan, expected: stored?.expectedWeight ?? null, classifier: ctx.unlistedShares.get(wan.connectionMark) ?? 0 };
    });
    const off = rows.filter((r) => r.expected !== null && Math.abs(r.expected - r.classifier) > TOLERANCE);
    if (off.length === 0) return [];
    const weights = new Map(rows.map((r) => [r.wan.connectionMark, r.expected ?? 0]));
    const pcc = [...weights.values()].every((w) => w > 0)
      ? convertToPccOption(ctx, {
          code: "weights-mismatch",
          weights,
          why: "Gives the weights set in WANscope by giving each WAN that many PCC remainders of the client's address.",
        })
      : null;
    const expectedText = rows.map((r) => `${r.wan.name} ${r.expected === null ? "?" : pct(r.expected)}`).join(", ");
    const finding: Finding = {
      code: "weights-mismatch",
      severity: "warning",
      subject: "",
      title: "Expected weights do not match the classifier",
      summary: `expected ${expectedText}; rules give ${sharesText(ctx, ctx.unlistedShares)}`,
      rules: [],
      evidence: [
        { label: "Expected weights set in WANscope", value: expectedText, measured: false },
        { label: "Split of new connections the rules give", value: sharesText(ctx, ctx.unlistedShares), measured: false },
        measuredSplitEvidence(ctx),
      ],
      explanation: [
        "The expected weights were corrected by an operator, so discovery no longer sets them from the rules. The imbalance figures and alerts measure each WAN against these weights, but the classifier rules produce a different split, so a healthy router looks imbalanced (or a real imbalance hides).",
        "Either change the rules to give the weights (below), or set the weights back to what the rules give on the router's edit page.",
      ],
      fixes: pcc ? [pcc] : [],
    };
    return [finding];
  },
};
