import Link from "next/link";
import { AcknowledgeButton } from "@/components/alerts/acknowledge-button";
import { AlertStateBadge, RuleName, SeverityBadge } from "@/components/alerts/alert-state";
import { BadParams } from "@/components/bad-params";
import { hrefWith } from "@/components/href";
import { LiveRefresh } from "@/components/live-refresh";
import { Pager } from "@/components/pager";
import { RULE_KINDS, RULE_LABEL } from "@/lib/alerts/rules";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { ALERT_STATE_FILTERS, alertsParamsSchema, listAlerts, type AlertRow } from "@/lib/queries/alerts-list";
import { parseSearchParams, type RawSearchParams } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";

export const dynamic = "force-dynamic";

const DEFAULTS = { state: "open", page: 1 };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser();
  const parsed = parseSearchParams(alertsParamsSchema, await searchParams);
  if (!parsed.ok) return <BadParams issues={parsed.issues} resetHref="/alerts" />;
  const params = parsed.data;
  const now = new Date();
  const result = await listAlerts({ db: getDb(), params });
  const current = { state: params.state, rule: params.rule, router: params.router, page: params.page };
  const returnTo = hrefWith({ path: "/alerts", current, defaults: DEFAULTS });
  // Dual-listed clients are one alert each but read as one problem per router: grouped here.
  const dual = new Map<number, AlertRow[]>();
  for (const r of result.rows) if (r.rule === "dual_listed") dual.set(r.routerId, [...(dual.get(r.routerId) ?? []), r]);
  const others = result.rows.filter((r) => r.rule !== "dual_listed");
  return (
    <section className="panel">
      <div className="row between">
        <h1>Alerts</h1>
        <LiveRefresh everySec={10} readAt={now.toISOString()} readAtText={formatTimestamp({ at: now, now, seconds: true })} />
      </div>
      <nav className="tabs" aria-label="Alert state">
        {ALERT_STATE_FILTERS.map((s) => (
          <Link
            key={s}
            href={hrefWith({ path: "/alerts", current, changes: { state: s, page: 1 }, defaults: DEFAULTS })}
            aria-current={params.state === s ? "page" : undefined}
            data-testid={`state-${s}`}
          >
            {s}
          </Link>
        ))}
      </nav>
      <form className="filters" method="get" action="/alerts" aria-label="Filter alerts">
        <input type="hidden" name="state" value={params.state} />
        <label>
          Rule
          <select name="rule" defaultValue={params.rule ?? ""}>
            <option value="">any</option>
            {RULE_KINDS.map((r) => (
              <option key={r} value={r}>
                {RULE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Router
          <select name="router" defaultValue={params.router ? String(params.router) : ""}>
            <option value="">any</option>
            {result.routers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Filter
        </button>
        <Link href="/alerts">Clear</Link>
        <Link href="/settings/alerts">Alert settings</Link>
      </form>
      {result.rows.length === 0 ? (
        <p className="empty-state" data-testid="alerts-empty">
          No {params.state === "all" ? "" : `${params.state} `}alerts{params.rule || params.router ? " for this filter" : ""}.
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="alerts-table">
            <thead>
              <tr>
                <th>State</th>
                <th>Severity</th>
                <th>Router</th>
                <th>Alert</th>
                <th>Fired</th>
                <th>Acknowledged</th>
                <th>Resolved</th>
                <th>Notifications</th>
                <th>Action</th>
              </tr>
            </thead>
            <tbody>
              {others.map((r) => (
                <AlertTableRow key={r.id} row={r} now={now} returnTo={returnTo} />
              ))}
              {[...dual.entries()].map(([routerId, rows]) => (
                <tr key={`dual-${routerId}`} data-testid="alert-row" data-rule="dual_listed" data-router={rows[0]!.routerName}>
                  <td colSpan={9}>
                    <details>
                      <summary>
                        <Link href={`/routers/${routerId}`}>{rows[0]!.routerName}</Link>: {rows.length} dual-listed client
                        {rows.length === 1 ? "" : "s"} ({rows.filter((r) => r.state === "firing").length} firing)
                      </summary>
                      <table>
                        <tbody>
                          {rows.map((r) => (
                            <AlertTableRow key={r.id} row={r} now={now} returnTo={returnTo} />
                          ))}
                        </tbody>
                      </table>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={params.page}
        pageCount={result.pageCount}
        matching={result.matching}
        noun="alerts"
        hrefFor={(page) => hrefWith({ path: "/alerts", current, changes: { page }, defaults: DEFAULTS })}
      />
    </section>
  );
}

function AlertTableRow({ row: r, now, returnTo }: { row: AlertRow; now: Date; returnTo: string }) {
  return (
    <tr
      data-testid="alert-row"
      data-alert-id={r.id}
      data-rule={r.rule}
      data-subject={r.subject}
      data-router={r.routerName}
      data-state={r.state}
    >
      <td>
        <AlertStateBadge state={r.state} />
        {r.silenced && (
          <div className="muted small" title={r.silenced}>
            silenced
          </div>
        )}
      </td>
      <td>
        <SeverityBadge severity={r.severity} />
      </td>
      <td>
        <Link href={`/routers/${r.routerId}`}>{r.routerName}</Link>
      </td>
      <td>
        <Link href={`/alerts/${r.id}`}>
          <RuleName rule={r.rule} subject={r.subject} />
        </Link>
        <div className="small">{r.message}</div>
      </td>
      <td className="nowrap">{formatTimestamp({ at: r.firedAt, now })}</td>
      <td className="nowrap">
        {r.acknowledgedAt
          ? `${formatTimestamp({ at: r.acknowledgedAt, now })}${r.acknowledgedBy ? ` by user ${r.acknowledgedBy}` : ""}`
          : "—"}
      </td>
      <td className="nowrap">{r.resolvedAt ? formatTimestamp({ at: r.resolvedAt, now }) : "—"}</td>
      <td className="small" data-testid="alert-deliveries">
        {r.deliveries.delivered} sent{r.deliveries.pending ? `, ${r.deliveries.pending} retrying` : ""}
        {r.deliveries.failed ? `, ${r.deliveries.failed} failed` : ""}
        {r.deliveries.lastError && <div className="status-warn">{r.deliveries.lastError}</div>}
      </td>
      <td>{r.state === "firing" ? <AcknowledgeButton alertId={r.id} returnTo={returnTo} /> : null}</td>
    </tr>
  );
}
