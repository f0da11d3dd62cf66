import { createHash } from "node:crypto";
import { formatInt, formatPercent } from "../format/number";
import type { AuditEvidence } from "./evidence";
import type { AuditModel, AuditRule } from "./model";
import { configFingerprint } from "./snapshot";
import { ruleLabelOf } from "./rule-label";
import type { EvidenceItem, Finding, FindingCode, RuleRef } from "./types";
import { sharesByMark, trafficClassOf, walkNewConnection, type TrafficClass, type WalkOutcome } from "./walk-chain";

// What every finding rule gets: the parsed configuration, the evidence, and what the walk says about new
// connections of clients on no list. Plus the small helpers rules share to word their findings.

export type AuditContext = {
  model: AuditModel;
  evidence: AuditEvidence;
  fingerprint: string;
  traffic: TrafficClass;
  wanMarks: Set<string>;
  /** Outcomes of a new connection of a client on no list. */
  unlisted: WalkOutcome[];
  /** Share of new connections of clients on no list per connection mark ("" = unmarked). */
  unlistedShares: Map<string, number>;
};

export type FindingRule = { code: FindingCode; run(ctx: AuditContext): Finding[] };

export function buildContext(options: { model: AuditModel; evidence: AuditEvidence }): AuditContext {
  const { model } = options;
  const wanMarks = new Set(model.setup.wans.map((w) => w.connectionMark));
  const traffic = trafficClassOf(model.mangle, wanMarks);
  const unlisted = walkNewConnection({ rules: model.mangle, traffic, visibleLists: new Set() });
  return {
    model,
    evidence: options.evidence,
    fingerprint: configFingerprint(model.snapshot),
    traffic,
    wanMarks,
    unlisted,
    unlistedShares: sharesByMark(unlisted),
  };
}

/** Enabled prerouting rules that classify new connections onto a WAN (nth, or PCC not negated), in order. */
export function classifierRules(ctx: AuditContext): AuditRule[] {
  return ctx.model.mangle.filter(
    (r) =>
      !r.disabled &&
      !r.invalid &&
      r.chain === "prerouting" &&
      r.action === "mark-connection" &&
      ctx.wanMarks.has(r.newConnectionMark ?? "") &&
      (r.nth !== null || (r.pcc !== null && !r.pcc.negated)),
  );
}

/** The comment WANscope puts on rules a fix adds, so a restore finds them even when an add's reply was lost. */
export function fixMarker(ctx: Pick<AuditContext, "fingerprint">, code: FindingCode, option: string): string {
  const hash = createHash("sha256").update(`${ctx.fingerprint}|${code}|${option}`).digest("hex").slice(0, 8);
  return `wanscope ${code}/${option} ${hash}`;
}

export const MARKER_PREFIX = "wanscope ";

export const ruleLabel = (ref: RuleRef): string => ruleLabelOf(ref);

export const pct = (value: number): string =>
  formatPercent(value, { digits: Math.abs(value * 100 - Math.round(value * 100)) < 0.05 ? 0 : 1 });

/** "odd 50%, even 25%, unmarked 25%" over the WANs in order. */
export function sharesText(ctx: AuditContext, shares: ReadonlyMap<string, number>): string {
  const parts = ctx.model.setup.wans.map((w) => `${w.name} ${pct(shares.get(w.connectionMark) ?? 0)}`);
  const unmarked = [...shares].filter(([mark]) => !ctx.wanMarks.has(mark)).reduce((s, [, p]) => s + p, 0);
  if (unmarked > 1e-9) parts.push(`unmarked ${pct(unmarked)}`);
  return parts.join(", ");
}

/** The measured split of new connections as evidence, or a line that says it is not measured yet. */
export function measuredSplitEvidence(ctx: AuditContext): EvidenceItem {
  const split = ctx.evidence.split;
  if (!split)
    return {
      label: "Measured split of new connections",
      value: "not measured yet (needs two polls of the classifier counters)",
      measured: true,
    };
  if (split.total === 0)
    return {
      label: "Measured split of new connections",
      value: `no new connection reached the classifiers in ${split.polls} polls over the last hour: every active client was already on a list`,
      measured: true,
    };
  const share = (n: number) => pct(n / split.total);
  const parts = split.perWan.map((w) => `${w.wan} ${share(w.count)}`);
  parts.push(`unmarked ${share(split.unmarked)}`);
  const minutes = Math.max(1, Math.round((split.to.getTime() - split.from.getTime()) / 60_000));
  return {
    label: "Measured split of new connections",
    value: `${parts.join(", ")} of ${formatInt(split.total)} new connections over the last ${minutes} min (${split.polls} polls)`,
    measured: true,
  };
}

export function wanNameByMark(ctx: AuditContext, mark: string): string {
  return ctx.model.setup.wans.find((w) => w.connectionMark === mark)?.name ?? mark;
}
