import { formatTimestamp } from "../format/duration";
import type { RouterAudit } from "./audit-router";
import { ruleLabelOf } from "./rule-label";
import { renderScript } from "./render-script";

// A router's audit as plain text: what `npm run wanscope -- router audit NAME` prints. The same
// findings, evidence, explanations and scripts the Configuration tab shows.

export function formatAuditText(options: { name: string; audit: RouterAudit; now: Date }): string {
  const { audit, now } = options;
  const { report, config } = audit;
  const lines: string[] = [];
  lines.push(
    `${options.name}: RouterOS ${report.version}, ${report.classifierKind} balancing over ${report.wans.map((w) => w.name).join(", ") || "no WANs"}`,
  );
  lines.push(`configuration read ${formatTimestamp({ at: config.readAt, now, seconds: true })}; rules give ${report.rulesSplit || "—"}`);
  if (config.lastError) lines.push(`last read failed ${formatTimestamp({ at: config.lastErrorAt, now })}: ${config.lastError}`);
  lines.push(
    report.canWrite === false
      ? "the API user may not write: fixes cannot be applied from WANscope"
      : report.canWrite === null
        ? "the API user's policies could not be read"
        : "the API user may write",
  );
  if (report.findings.length === 0) {
    lines.push("", "no findings");
    return lines.join("\n");
  }
  lines.push("", `${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}:`);
  report.findings.forEach((f, i) => {
    lines.push("", `${i + 1}. [${f.severity}] ${f.code}${f.subject ? ` (${f.subject})` : ""}: ${f.title}`);
    for (const rule of f.rules) lines.push(`   ${ruleLabelOf(rule)}: ${rule.text}`);
    for (const e of f.evidence) lines.push(`   ${e.measured ? "measured" : "from the rules"} · ${e.label}: ${e.value}`);
    for (const paragraph of f.explanation) lines.push(`   ${paragraph}`);
    for (const fix of f.fixes) {
      lines.push(`   fix "${fix.id}": ${fix.title}`);
      for (const d of fix.description) lines.push(`     ${d}`);
      lines.push(`     expected: ${fix.expectation.summary}`);
      for (const line of renderScript(fix.commands).split("\n")) lines.push(`     | ${line}`);
    }
  });
  return lines.join("\n");
}
