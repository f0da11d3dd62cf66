import { CsrfField } from "@/components/csrf";
import { ruleLabelOf } from "@/lib/config-audit/rule-label";
import { renderScript } from "@/lib/config-audit/render-script";
import type { Finding } from "@/lib/config-audit/types";
import { SeverityBadge } from "./severity-badge";

export type FixPreviewSummary = { removes: string[]; introduces: string[] };
export type ApplyPermission = { allowed: true } | { allowed: false; reason: string };

// One finding: the rules it names (id and position), the evidence (measured or from the rules), why it
// matters, and each fix as the exact script with what WANscope expects it to change. Admins get a form
// that applies that fix; everyone else sees why they cannot.

export function FindingCard({
  finding,
  routerId,
  fingerprint,
  previews,
  apply,
}: {
  finding: Finding;
  routerId: number;
  fingerprint: string;
  previews: Record<string, FixPreviewSummary>;
  apply: ApplyPermission;
}) {
  const key = finding.subject ? `${finding.code}:${finding.subject}` : finding.code;
  return (
    <article className="panel" data-testid="finding" data-code={finding.code} data-subject={finding.subject} id={`finding-${key}`}>
      <header className="row">
        <SeverityBadge severity={finding.severity} />
        <h3 style={{ margin: 0 }} data-testid="finding-title">
          {finding.title}
        </h3>
        <code className="muted small">{key}</code>
      </header>
      {finding.rules.length > 0 && (
        <div className="table-scroll">
          <table className="small" data-testid="finding-rules">
            <thead>
              <tr>
                <th>Rule</th>
                <th>As configured</th>
              </tr>
            </thead>
            <tbody>
              {finding.rules.map((rule) => (
                <tr key={`${rule.path}${rule.id}`}>
                  <td className="nowrap">
                    <code>{ruleLabelOf(rule)}</code>
                    <div className="muted small">{rule.path}</div>
                  </td>
                  <td>
                    <code>{rule.text}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <dl className="small" data-testid="finding-evidence">
        {finding.evidence.map((e) => (
          <div key={e.label} className="row" style={{ alignItems: "baseline" }}>
            <dt className="muted">
              {e.label} <span className={`badge ${e.measured ? "ok" : "neutral"}`}>{e.measured ? "measured" : "from the rules"}</span>
            </dt>
            <dd style={{ margin: 0 }} data-testid="evidence-value">
              {e.value}
            </dd>
          </div>
        ))}
      </dl>
      {finding.explanation.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {finding.fixes.map((fix) => {
        const preview = previews[fix.id];
        return (
          <section key={fix.id} className="card" data-testid="fix" data-option={fix.id} style={{ marginTop: "0.75rem" }}>
            <h4 style={{ marginTop: 0 }}>
              {fix.id === "convert-pcc" ? "Option: " : "Fix: "}
              {fix.title}
            </h4>
            {fix.description.map((d, i) => (
              <p key={i} className="small">
                {d}
              </p>
            ))}
            <pre data-testid="fix-script">{renderScript(fix.commands)}</pre>
            <p className="small">
              <strong>Expected:</strong> <span data-testid="fix-expected">{fix.expectation.summary}</span>
            </p>
            {preview && (
              <p className="small muted" data-testid="fix-prediction">
                On the configuration as WANscope predicts it after this fix, the audit no longer finds{" "}
                {preview.removes.length ? preview.removes.join(", ") : "anything it finds now"}
                {preview.introduces.length ? `; it newly finds ${preview.introduces.join(", ")}` : "; it finds nothing new"}.
              </p>
            )}
            {apply.allowed ? (
              <form method="post" action={`/api/routers/${routerId}/config-fixes`} className="row" data-testid="apply-form">
                <CsrfField />
                <input type="hidden" name="code" value={finding.code} />
                <input type="hidden" name="subject" value={finding.subject} />
                <input type="hidden" name="option" value={fix.id} />
                <input type="hidden" name="fingerprint" value={fingerprint} />
                <label className="checkbox">
                  <input type="checkbox" name="confirm" value="yes" required data-testid="apply-confirm" /> I reviewed these commands
                </label>
                <button type="submit" className="primary" data-testid="apply-fix">
                  Apply this fix
                </button>
              </form>
            ) : (
              <p className="small muted" data-testid="apply-unavailable">
                {apply.reason}
              </p>
            )}
          </section>
        );
      })}
    </article>
  );
}
