import Link from "next/link";
import { notFound } from "next/navigation";
import { AcknowledgeButton } from "@/components/alerts/acknowledge-button";
import { AlertStateBadge, RuleName, SeverityBadge } from "@/components/alerts/alert-state";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { getAlertDetail } from "@/lib/queries/alerts-detail";
import { routerIdSchema } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";

export const dynamic = "force-dynamic";

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser();
  const id = routerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const alert = await getAlertDetail({ db: getDb(), alertId: id.data });
  if (!alert) notFound();
  const now = new Date();
  const details = (alert.details ?? {}) as { explanation?: string; silenced?: { reason: string; endsAt: string } };
  return (
    <>
      <section className="panel" data-testid="alert-detail">
        <p>
          <Link href="/alerts">← Alerts</Link>
        </p>
        <h1>
          <RuleName rule={alert.rule} subject={alert.subject} /> on <Link href={`/routers/${alert.router.id}`}>{alert.router.name}</Link>
        </h1>
        <p>
          <AlertStateBadge state={alert.state} /> <SeverityBadge severity={alert.severity} /> {alert.message}
        </p>
        {details.explanation && (
          <p className="muted" data-testid="alert-explanation">
            {details.explanation}
          </p>
        )}
        {details.silenced && (
          <p className="status-warn">Fired during a silence ({details.silenced.reason}): tracked here, not delivered.</p>
        )}
        {alert.state === "firing" && <AcknowledgeButton alertId={alert.id} returnTo={`/alerts/${alert.id}`} />}
      </section>
      <section className="panel">
        <h2>History and notifications</h2>
        <ol className="timeline" data-testid="alert-events">
          {alert.events.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              <strong>{e.kind}</strong> {formatTimestamp({ at: e.at, now, seconds: true })}
              {e.byUserId ? ` by user ${e.byUserId}` : ""}
              {e.deliveries.length === 0 ? (
                <div className="muted small">No notification (no channel, or silenced).</div>
              ) : (
                <table className="small">
                  <thead>
                    <tr>
                      <th>Channel</th>
                      <th>Status</th>
                      <th>Attempts</th>
                      <th>Attempt log</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.deliveries.map((d) => (
                      <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                        <td>
                          {d.channel.name} ({d.channel.kind})
                        </td>
                        <td>
                          {d.status}
                          {d.deliveredAt ? ` ${formatTimestamp({ at: d.deliveredAt, now, seconds: true })}` : ""}
                        </td>
                        <td>{d.attempts}</td>
                        <td>
                          <ul>
                            {d.attemptLog.map((a, i) => (
                              <li key={i}>
                                #{a.attempt} {formatTimestamp({ at: new Date(a.at), now, seconds: true })}:{" "}
                                {a.ok ? `ok (HTTP ${a.status}, ${a.ms} ms)` : a.error}
                                {a.grouped ? ` · sent with ${a.grouped - 1} other client(s)` : ""}
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
