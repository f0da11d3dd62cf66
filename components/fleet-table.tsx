import Link from "next/link";
import { formatAgo, formatBps, formatInt, formatPercent, formatTimestamp } from "@/lib/format";
import type { OpenAlertCounts } from "@/lib/queries/alerts-counts";
import type { FleetRow } from "@/lib/queries/fleet-overview";
import { AlertBadgeView } from "./alerts/alert-badge";
import { HealthBadge } from "./health-badge";
import { ImbalanceBadge } from "./imbalance-badge";
import { ShareBar } from "./share-bar";
import { SortHeader } from "./sort-header";

type Props = {
  rows: FleetRow[];
  alerts: Map<number, OpenAlertCounts>;
  now: Date;
  sort: string;
  dir: "asc" | "desc";
  sortHref: (sort: string, dir: "asc" | "desc" | undefined) => string;
};

const NO_ALERTS: OpenAlertCounts = { firing: 0, acknowledged: 0, critical: 0 };

/** One line per router; every string from a router (names, errors) is rendered as text. */
export function FleetTable({ rows, alerts, now, sort, dir, sortHref }: Props) {
  const header = (label: string, key: string, numeric?: boolean) => (
    <SortHeader label={label} sortKey={key} current={sort} dir={dir} hrefFor={sortHref} numeric={numeric} />
  );
  return (
    <div className="table-scroll">
      <table data-testid="fleet-table">
        <thead>
          <tr>
            {header("Router", "name")}
            {header("Site", "site")}
            {header("Status · open alerts", "status")}
            <th>WAN share (connections · throughput)</th>
            {header("Imbalance", "imbalance")}
            {header("Connections", "connections", true)}
            {header("Clients per list", "clients")}
            {header("Dual-listed", "dual", true)}
            {header("Last poll", "last-poll")}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="fleet-row" data-router={r.name}>
              <td>
                <Link href={`/routers/${r.id}`} className="nowrap">
                  {r.name}
                </Link>
                {r.tags.length > 0 && <div className="muted small">{r.tags.join(", ")}</div>}
              </td>
              <td>{r.site ?? "—"}</td>
              <td>
                <div className="row">
                  <HealthBadge health={r.health} />
                  <AlertBadgeView counts={alerts.get(r.id) ?? NO_ALERTS} routerId={r.id} />
                </div>
                {r.health !== "ok" && r.statusSince && (
                  <div className="muted small">since {formatTimestamp({ at: r.statusSince, now })}</div>
                )}
                {r.health !== "ok" && r.lastError && (
                  <div className="muted small">{r.lastError.length > 60 ? `${r.lastError.slice(0, 59)}…` : r.lastError}</div>
                )}
              </td>
              <td>
                {r.wans.length === 0 ? (
                  <span className="muted">no WANs discovered</span>
                ) : (
                  <div className="sharebars">
                    <span>conn</span>
                    <ShareBar
                      label="Connections"
                      segments={r.wans.map((w) => ({ name: w.name, share: w.connectionShare, expected: w.expectedShare }))}
                    />
                    <span>bps</span>
                    <ShareBar
                      label="Throughput"
                      segments={r.wans.map((w) => ({ name: w.name, share: w.bpsShare, expected: w.expectedShare }))}
                    />
                  </div>
                )}
                <div className="muted small">
                  {r.wans.map((w) => `${w.name} ${formatPercent(w.connectionShare)} · ${formatBps(w.bps)}`).join(" | ")}
                </div>
              </td>
              <td>
                <ImbalanceBadge {...r.imbalance} />
              </td>
              <td className="num" data-testid="connections">
                {formatInt(r.connectionsTotal)}
                {r.connectionsUnmarked !== null && <div className="muted small">{formatInt(r.connectionsUnmarked)} unmarked</div>}
              </td>
              <td data-testid="list-counts">
                {r.listCounts.length === 0 ? "—" : r.listCounts.map((l) => `${l.list} ${formatInt(l.clients)}`).join(" · ")}
              </td>
              <td className={`num${(r.dualListed ?? 0) > 0 ? " status-bad" : ""}`} data-testid="dual-count">
                {formatInt(r.dualListed)}
              </td>
              <td title={r.lastPollAt?.toISOString()}>{formatAgo({ at: r.lastPollAt, now })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
