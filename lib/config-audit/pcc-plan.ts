import { classifierRules, fixMarker, pct, type AuditContext } from "./context";
import type { AuditRule } from "./model";
import { writableProps } from "./props";
import type { Expectation, FindingCode, FixCommand, FixOption } from "./types";

// "Convert to PCC": every classifier rule (nth, or PCC over other fields) is replaced in place by PCC on
// src-address, so the WAN of a client's new connection is a function of its address. Two first
// connections of one client that race the list update then still land on the same WAN, which is what
// removes the dual-listing race for good. The list rules above the classifiers are kept, so pinning and
// moving clients keep working.

const MAX_DENOMINATOR = 12;

/** Remainders per WAN for the weights (in order), with the smallest denominator that meets them within 2 points. */
export function pccAssignment(weights: readonly number[]): { denominator: number; counts: number[] } | null {
  const total = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0 || total <= 0) return null;
  for (let d = weights.length; d <= MAX_DENOMINATOR; d++) {
    const counts = weights.map((w) => Math.round((w / total) * d));
    if (counts.some((c) => c < 1) || counts.reduce((s, c) => s + c, 0) !== d) continue;
    if (counts.every((c, i) => Math.abs(c / d - weights[i]! / total) <= 0.02)) return { denominator: d, counts };
  }
  return null;
}

export type PccPlan = { commands: FixCommand[]; removed: AuditRule[]; shares: { wan: string; share: number }[]; denominator: number };

/** The commands that turn the classifier rules into PCC src-address at the given weights (equal when omitted). */
export function pccPlan(
  ctx: AuditContext,
  options: { code: FindingCode; option: string; weights?: ReadonlyMap<string, number> },
): PccPlan | null {
  const classifiers = classifierRules(ctx);
  if (classifiers.length === 0) return null;
  const marks = [...new Set(classifiers.map((r) => r.newConnectionMark as string))];
  if (marks.length < 2) return null;
  const assignment = pccAssignment(marks.map((m) => options.weights?.get(m) ?? 1));
  if (!assignment) return null;
  const marker = fixMarker(ctx, options.code, options.option);
  const commands: FixCommand[] = [];
  let remainder = 0;
  marks.forEach((mark, i) => {
    const template = classifiers.find((r) => r.newConnectionMark === mark)!;
    const props = writableProps(template.raw);
    delete props.nth;
    delete props["per-connection-classifier"];
    delete props.disabled;
    for (let k = 0; k < assignment.counts[i]!; k++) {
      commands.push({
        op: "add",
        path: "/ip/firewall/mangle",
        props: { ...props, "per-connection-classifier": `src-address:${assignment.denominator}/${remainder++}`, comment: marker },
        placeBefore: template.id,
      });
    }
  });
  for (const rule of classifiers) commands.push({ op: "remove", path: "/ip/firewall/mangle", id: rule.id });
  return {
    commands,
    removed: classifiers,
    shares: marks.map((mark, i) => ({ wan: mark, share: assignment.counts[i]! / assignment.denominator })),
    denominator: assignment.denominator,
  };
}

/** The "convert to PCC" fix option, worded for the finding that offers it. */
export function convertToPccOption(
  ctx: AuditContext,
  options: { code: FindingCode; weights?: ReadonlyMap<string, number>; why: string },
): FixOption | null {
  const plan = pccPlan(ctx, { code: options.code, option: "convert-pcc", weights: options.weights });
  if (!plan) return null;
  const split = plan.shares.map((s) => `${s.wan} ${pct(s.share)}`).join(", ");
  const expectation: Expectation = {
    summary: `new connections of clients on no list split by client address (${split}), none unmarked; no client newly dual-listed`,
    checks: [{ kind: "unmarked", max: 0.01 }, { kind: "no-new-dual-listed" }],
    // The race needs time more than volume: on a LAN whose clients are listed, few connections reach the
    // classifier, so the verdict waits half an hour and for a few classified connections to read unmarked from.
    minNewConnections: 10,
    minMinutes: 30,
  };
  return {
    id: "convert-pcc",
    title: `Convert the classifier to PCC on src-address (${plan.denominator} remainders)`,
    description: [
      options.why,
      `The ${plan.removed.length} classifier rule(s) are replaced in place by per-connection-classifier=src-address:${plan.denominator}/n rules; every other rule is kept, so the list rules above them still pin and move clients.`,
      "PCC splits clients, not connections: each WAN's share of new connections follows how many clients hash to its remainders and how busy they are, so it is close to, not exactly, the weights.",
      "Clients already on a list stay there until their entry times out; clients already on two lists stay so until resolved (Dual-listed page).",
    ],
    commands: plan.commands,
    touches: plan.removed.map((r) => r.ref),
    expectation,
  };
}
