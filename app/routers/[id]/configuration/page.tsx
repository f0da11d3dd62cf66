import Link from "next/link";
import { notFound } from "next/navigation";
import { FindingCard, type ApplyPermission, type FixPreviewSummary } from "@/components/config-audit/finding-card";
import { FixStatusBadge } from "@/components/config-audit/fix-status-badge";
import { CsrfField } from "@/components/csrf";
import { RouterTabs } from "@/components/routers/router-tabs";
import { routerIdSchema } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";
import { hasRole } from "@/lib/auth/roles";
import { auditRouter } from "@/lib/config-audit/audit-router";
import { CONFIG_REFRESH_SEC } from "@/lib/config-audit/refresh-config";
import { ACTIVE_FIX_STATUSES } from "@/lib/config-audit/request-fix";
import { previewFix } from "@/lib/config-audit/run-audit";
import { loadConfigStatus } from "@/lib/config-audit/store";
import { getDb } from "@/lib/db";
import { formatAgo, formatTimestamp } from "@/lib/format";
import { listRouterFixes } from "@/lib/queries/config-fixes";

export const dynamic = "force-dynamic";

// The router's balancing configuration as last read, audited now against what WANscope measured:
// findings with their rules, evidence and explanation, and fixes as exact RouterOS scripts.

export default async function RouterConfigurationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requirePageUser();
  const id = routerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const routerId = id.data;
  const db = getDb();
  const now = new Date();
  const router = await db.router.findUnique({ where: { id: routerId }, select: { id: true, name: true, enabled: true, username: true } });
  if (!router) notFound();
  const [audit, status, fixes] = await Promise.all([
    auditRouter({ db, routerId, now }),
    loadConfigStatus({ db, routerId }),
    listRouterFixes({ db, routerId }),
  ]);
  const notice = (await searchParams).notice;
  const active = fixes.find((f) => (ACTIVE_FIX_STATUSES as readonly string[]).includes(f.status));
  const admin = hasRole(session.user, "admin");
  const apply: ApplyPermission = !admin
    ? { allowed: false, reason: "Only admins can apply fixes." }
    : !router.enabled
      ? { allowed: false, reason: "The router is disabled; enable it before changing its configuration." }
      : audit?.report.canWrite === false
        ? { allowed: false, reason: `The router's API user ${router.username} lacks the write policy: WANscope cannot change its rules.` }
        : active
          ? { allowed: false, reason: `Fix #${active.id} is ${active.status}; wait for it to finish.` }
          : { allowed: true };
  const previews: Record<string, Record<string, FixPreviewSummary>> = {};
  for (const finding of audit?.report.findings ?? []) {
    const key = `${finding.code}:${finding.subject}`;
    previews[key] = {};
    for (const fix of finding.fixes) {
      const p = previewFix({
        snapshot: audit!.config.snapshot,
        evidence: audit!.evidence,
        report: audit!.report,
        ref: { code: finding.code, subject: finding.subject, option: fix.id },
      });
      if (p) previews[key]![fix.id] = { removes: p.removes, introduces: p.introduces };
    }
  }
  const report = audit?.report;
  return (
    <>
      <section className="panel">
        <div className="row between">
          <div className="row">
            <h1 data-testid="router-name">{router.name}</h1>
            <RouterTabs routerId={routerId} current="configuration" findings={report?.findings.length} />
          </div>
          {hasRole(session.user, "operator") && (
            <form method="post" action={`/api/routers/${routerId}/config-refresh`} className="inline-form">
              <CsrfField />
              <button type="submit" data-testid="config-refresh">
                Re-read configuration
              </button>
            </form>
          )}
        </div>
        {typeof notice === "string" && (
          <p className="banner status-warn" role="alert" data-testid="notice">
            {notice}
          </p>
        )}
        <p className="muted small" data-testid="config-status">
          {audit
            ? `Configuration read ${formatTimestamp({ at: audit.config.readAt, now, seconds: true })} (${formatAgo({ at: audit.config.readAt, now })}); polls read it again every ${CONFIG_REFRESH_SEC / 60} min and after a fix.`
            : "The configuration has not been read yet: the router's next poll reads it."}
          {status?.refreshRequestedAt && " A fresh read is requested for the next poll."}
          {status?.lastError && ` Last read failed ${formatAgo({ at: status.lastErrorAt, now })}: ${status.lastError}`}
        </p>
        {report && (
          <p data-testid="config-summary">
            RouterOS {report.version} · {report.classifierKind} balancing over {report.wans.map((w) => w.name).join(", ") || "no WANs"} ·
            the rules give new connections of clients on no list: {report.rulesSplit || "—"} · API user{" "}
            {report.canWrite === null ? "policies unknown" : report.canWrite ? "may write" : "read-only"}
          </p>
        )}
      </section>
      {report && report.findings.length === 0 && (
        <section className="panel empty-state" data-testid="no-findings">
          No findings: the balancing rules, routes and NAT of this router look right.
        </section>
      )}
      {report?.findings.map((finding) => (
        <FindingCard
          key={`${finding.code}:${finding.subject}`}
          finding={finding}
          routerId={routerId}
          fingerprint={audit!.config.fingerprint}
          previews={previews[`${finding.code}:${finding.subject}`] ?? {}}
          apply={apply}
        />
      ))}
      <section className="panel" aria-labelledby="fixes-heading">
        <h2 id="fixes-heading">Fixes on this router</h2>
        {fixes.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <table data-testid="fix-history">
            <thead>
              <tr>
                <th>#</th>
                <th>Fix</th>
                <th>Status</th>
                <th>Requested</th>
              </tr>
            </thead>
            <tbody>
              {fixes.map((f) => (
                <tr key={f.id}>
                  <td>
                    <Link href={`/routers/${routerId}/configuration/fixes/${f.id}`}>#{f.id}</Link>
                  </td>
                  <td>
                    {f.title} <code className="muted small">{f.findingCode}</code>
                  </td>
                  <td>
                    <FixStatusBadge status={f.status} />
                  </td>
                  <td>{formatTimestamp({ at: f.requestedAt, now })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
