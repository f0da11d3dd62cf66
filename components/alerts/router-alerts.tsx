import Link from "next/link";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { listOpenAlertsForRouter } from "@/lib/queries/alerts-counts";
import { AcknowledgeButton } from "./acknowledge-button";
import { AlertStateBadge, RuleName, SeverityBadge } from "./alert-state";

/** Open alerts of one router with acknowledge buttons, for the router page. Dual-listed clients are grouped. */
export async function RouterAlerts({ routerId, returnTo }: { routerId: number; returnTo?: string }) {
  const now = new Date();
  const alerts = await listOpenAlertsForRouter({ db: getDb(), routerId });
  const back = returnTo ?? `/routers/${routerId}`;
  const dual = alerts.filter((a) => a.rule === "dual_listed");
  const others = alerts.filter((a) => a.rule !== "dual_listed");
  return (
    <section className="panel" data-testid="router-alerts" aria-labelledby={`router-alerts-${routerId}`}>
      <div className="row between">
        <h2 id={`router-alerts-${routerId}`}>Open alerts</h2>
        <Link href={`/alerts?router=${routerId}&state=all`}>History</Link>
      </div>
      {alerts.length === 0 ? (
        <p className="empty-state">No open alerts for this router.</p>
      ) : (
        <ul className="alert-list">
          {others.map((a) => (
            <li key={a.id} data-testid="router-alert" data-rule={a.rule}>
              <AlertStateBadge state={a.state} /> <SeverityBadge severity={a.severity} />{" "}
              <Link href={`/alerts/${a.id}`}>
                <RuleName rule={a.rule} subject={a.subject} />
              </Link>
              : {a.message} <span className="muted small">since {formatTimestamp({ at: a.firedAt, now })}</span>
              {a.state === "firing" && <AcknowledgeButton alertId={a.id} returnTo={back} />}
            </li>
          ))}
          {dual.length > 0 && (
            <li data-testid="router-alert" data-rule="dual_listed">
              <details>
                <summary>
                  {dual.length} dual-listed client{dual.length === 1 ? "" : "s"} ({dual.filter((a) => a.state === "firing").length} firing)
                </summary>
                <ul>
                  {dual.map((a) => (
                    <li key={a.id}>
                      <AlertStateBadge state={a.state} />{" "}
                      <Link href={`/alerts/${a.id}`}>
                        <code>{a.subject}</code>
                      </Link>{" "}
                      {a.message}
                      {a.state === "firing" && <AcknowledgeButton alertId={a.id} returnTo={back} />}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
