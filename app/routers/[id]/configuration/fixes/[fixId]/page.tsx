import Link from "next/link";
import { notFound } from "next/navigation";
import { FixStatusBadge } from "@/components/config-audit/fix-status-badge";
import { CsrfField } from "@/components/csrf";
import { LiveRefresh } from "@/components/live-refresh";
import { RouterTabs } from "@/components/routers/router-tabs";
import { routerIdSchema } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";
import { hasRole } from "@/lib/auth/roles";
import { expectationSchema } from "@/lib/config-audit/fix-record";
import { getDb } from "@/lib/db";
import { formatInt, formatTimestamp } from "@/lib/format";
import { getFixDetail } from "@/lib/queries/config-fixes";

export const dynamic = "force-dynamic";

const VERDICT_CLASS = { watching: "neutral", kept: "ok", "not-kept": "bad" } as const;
const IN_FLIGHT = new Set(["queued", "applying", "rolling_back"]);

// One fix: what it runs, each step as the audit log recorded it, the rules before and after, and
// whether the measured split and dual-listing since show it did what it promised. Rollback for admins.

export default async function FixPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; fixId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requirePageUser();
  const raw = await params;
  const routerId = routerIdSchema.safeParse(raw.id);
  const fixId = routerIdSchema.safeParse(raw.fixId);
  if (!routerId.success || !fixId.success) notFound();
  const now = new Date();
  const detail = await getFixDetail({ db: getDb(), fixId: fixId.data, now });
  if (!detail || detail.router.id !== routerId.data) notFound();
  const { fix, verdict } = detail;
  const expectation = expectationSchema.parse(fix.expectation);
  const notice = (await searchParams).notice;
  const live = IN_FLIGHT.has(fix.status) || verdict?.state === "watching";
  return (
    <>
      <section className="panel">
        <div className="row between">
          <div className="row">
            <h1>{detail.router.name}</h1>
            <RouterTabs routerId={detail.router.id} current="configuration" />
          </div>
          {live && (
            <LiveRefresh
              everySec={IN_FLIGHT.has(fix.status) ? 2 : detail.router.pollIntervalSec}
              readAt={now.toISOString()}
              readAtText={formatTimestamp({ at: now, now, seconds: true })}
            />
          )}
        </div>
        <h2 className="row" data-testid="fix-heading">
          Fix #{fix.id}: {fix.title} <FixStatusBadge status={fix.status} />
        </h2>
        {typeof notice === "string" && (
          <p className="banner status-warn" role="alert" data-testid="notice">
            {notice}
          </p>
        )}
        <p className="muted small">
          For{" "}
          <Link
            href={`/routers/${detail.router.id}/configuration#finding-${fix.findingSubject ? `${fix.findingCode}:${fix.findingSubject}` : fix.findingCode}`}
          >
            {fix.findingCode}
          </Link>
          {fix.findingSubject && ` (${fix.findingSubject})`} · requested by {detail.requestedBy}{" "}
          {formatTimestamp({ at: fix.requestedAt, now, seconds: true })}
          {fix.appliedAt && ` · applied ${formatTimestamp({ at: fix.appliedAt, now, seconds: true })}`}
          {fix.rolledBackAt && ` · rolled back ${formatTimestamp({ at: fix.rolledBackAt, now, seconds: true })}`}
        </p>
        {fix.error && (
          <p className={fix.status === "applied" ? "status-warn" : "status-bad"} data-testid="fix-error">
            {fix.error}
          </p>
        )}
        <pre data-testid="fix-script">{fix.script}</pre>
        <p>
          <strong>Promised:</strong> {expectation.summary}
        </p>
        {fix.status === "applied" && hasRole(session.user, "admin") && (
          <form method="post" action={`/api/config-fixes/${fix.id}/rollback`} className="row" data-testid="rollback-form">
            <CsrfField />
            <button type="submit" data-testid="rollback">
              Roll back: restore the rules saved before this fix
            </button>
          </form>
        )}
      </section>
      {verdict && (
        <section className="panel" aria-labelledby="verdict-heading" data-testid="verdict" data-state={verdict.state}>
          <h2 id="verdict-heading">
            Verification <span className={`badge ${VERDICT_CLASS[verdict.state]}`}>{verdict.state}</span>
          </h2>
          <p data-testid="verdict-summary">{verdict.summary}</p>
          {verdict.checks.length > 0 && (
            <p className="muted small">
              Since the first poll after the fix: {formatInt(verdict.seen.newConnections)} new connections reached the classifiers in{" "}
              {formatInt(verdict.seen.minutes)} min.
            </p>
          )}
          <ul>
            {verdict.checks.map((c) => (
              <li key={c.text} className={c.ok === false ? "status-bad" : c.ok ? "status-ok" : "muted"}>
                {c.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.changes.length > 0 && (
        <section className="panel" aria-labelledby="changes-heading">
          <h2 id="changes-heading">Rules before and after</h2>
          <div className="table-scroll">
            <table className="small" data-testid="fix-changes">
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Saved before the fix</th>
                  <th>Read back after it</th>
                </tr>
              </thead>
              <tbody>
                {detail.changes.map((c) => (
                  <tr key={`${c.path}${c.id}`}>
                    <td className="nowrap">
                      <code>{c.id}</code> <span className="muted">{c.path}</span>
                    </td>
                    <td>{c.before ? <code>{c.before}</code> : <span className="muted">(added by the fix)</span>}</td>
                    <td>{c.after ? <code>{c.after}</code> : <span className="muted">{fix.readBack ? "(removed)" : "—"}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section className="panel" aria-labelledby="steps-heading">
        <h2 id="steps-heading">Steps</h2>
        <table className="small" data-testid="fix-steps">
          <thead>
            <tr>
              <th>When</th>
              <th>Step</th>
              <th>Result</th>
              <th>By</th>
            </tr>
          </thead>
          <tbody>
            {detail.steps.map((s, i) => (
              <tr key={i} data-testid="fix-step" data-action={s.action}>
                <td className="nowrap">{formatTimestamp({ at: s.at, now, seconds: true })}</td>
                <td>
                  {s.action}
                  {s.detail && (
                    <div>
                      <code className="small">{s.detail}</code>
                    </div>
                  )}
                </td>
                <td className={s.result.startsWith("failed") ? "status-bad" : undefined}>{s.result}</td>
                <td>{s.user}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
