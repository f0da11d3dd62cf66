import { buildContext, sharesText } from "./context";
import type { AuditEvidence } from "./evidence";
import { parseSnapshot } from "./model";
import { applyCommands } from "./predict";
import { canWrite } from "./read-snapshot";
import { renderScript } from "./render-script";
import { FINDING_RULES } from "./rules";
import type { ConfigSnapshot } from "./snapshot";
import { findingKey, SEVERITY_RANK, type Finding, type FindingCode, type FixOption } from "./types";

// The audit: every finding rule over one parsed snapshot and the evidence. Pure, so the router page, the
// fleet view, the CLI and the apply job all get the same findings from the same inputs.

export type AuditReport = {
  fingerprint: string;
  routing: "v6" | "v7";
  version: string;
  classifierKind: string;
  wans: { name: string; interface: string | null; addressList: string | null; gateway: string | null; table: string | null }[];
  /** What the rules give new connections of clients on no list. */
  rulesSplit: string;
  /** Whether the API user may write (null: could not tell). */
  canWrite: boolean | null;
  findings: Finding[];
};

export function auditSnapshot(options: { snapshot: ConfigSnapshot; evidence: AuditEvidence }): AuditReport {
  const model = parseSnapshot(options.snapshot);
  const ctx = buildContext({ model, evidence: options.evidence });
  const findings = FINDING_RULES.flatMap((rule) => rule.run(ctx)).map((f, index) => ({ f, index }));
  findings.sort((a, b) => SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] || a.index - b.index);
  return {
    fingerprint: ctx.fingerprint,
    routing: options.snapshot.routing,
    version: options.snapshot.version,
    classifierKind: model.setup.classifierKind,
    wans: model.setup.wans.map((w) => ({
      name: w.name,
      interface: w.interface,
      addressList: w.addressList,
      gateway: w.gateway,
      table: w.routingMark ?? w.routingTable,
    })),
    rulesSplit: sharesText(ctx, ctx.unlistedShares),
    canWrite: canWrite(options.snapshot.apiUser),
    findings: findings.map((x) => x.f),
  };
}

export type FixPreview = {
  finding: Finding;
  fix: FixOption;
  script: string;
  /** The configuration after the fix, as WANscope predicts it. */
  predicted: ConfigSnapshot;
  /** Findings of the predicted configuration (same evidence): what the fix leaves. */
  after: Finding[];
  removes: string[];
  introduces: string[];
};

export function findFix(report: AuditReport, ref: { code: FindingCode; subject: string; option: string }) {
  const finding = report.findings.find((f) => f.code === ref.code && f.subject === ref.subject);
  const fix = finding?.fixes.find((f) => f.id === ref.option);
  return finding && fix ? { finding, fix } : null;
}

/** A fix with its script and what the audit says about the configuration it leaves. */
export function previewFix(options: {
  snapshot: ConfigSnapshot;
  evidence: AuditEvidence;
  report: AuditReport;
  ref: { code: FindingCode; subject: string; option: string };
}): FixPreview | null {
  const found = findFix(options.report, options.ref);
  if (!found) return null;
  const predicted = applyCommands({ snapshot: options.snapshot, commands: found.fix.commands }).snapshot;
  const after = auditSnapshot({ snapshot: predicted, evidence: options.evidence }).findings;
  const before = new Set(options.report.findings.map(findingKey));
  const remaining = new Set(after.map(findingKey));
  return {
    ...found,
    script: renderScript(found.fix.commands),
    predicted,
    after,
    removes: [...before].filter((k) => !remaining.has(k)),
    introduces: [...remaining].filter((k) => !before.has(k)),
  };
}
