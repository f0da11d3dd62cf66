import { formatBps, formatInt, formatPercent } from "@/lib/format";
import type { RouterWanCard } from "@/lib/queries/router-detail";

/** One card per WAN with what an operator checks first during an incident. */
export function WanCards({ wans, unmarked }: { wans: RouterWanCard[]; unmarked: { connections: number; share: number | null } | null }) {
  if (wans.length === 0) {
    return (
      <p className="panel muted" data-testid="wan-cards-empty">
        No WAN discovered yet: discovery reads the router&apos;s mangle rules and routes on its first poll.
      </p>
    );
  }
  return (
    <div className="cards" data-testid="wan-cards">
      {wans.map((w, i) => (
        <article className="card" key={w.id} data-testid="wan-card" data-wan={w.name}>
          <div className="row between">
            <h2>
              <span className={`swatch wan-${(i % 4) + 1}`} />
              {w.name}
            </h2>
            {w.routeActive === null ? (
              <span className="badge neutral">no data</span>
            ) : w.routeActive ? (
              <span className="badge ok" data-testid="route-state">
                route active
              </span>
            ) : (
              <span className="badge bad" data-testid="route-state">
                route inactive
              </span>
            )}
          </div>
          <dl>
            <dt>Interface</dt>
            <dd>
              {w.interface}
              {w.running === false ? " (not running)" : ""}
            </dd>
            <dt>Gateway</dt>
            <dd>{w.gateway ?? "—"}</dd>
            <dt>List · mark</dt>
            <dd>
              {w.addressList ?? "—"} · {w.connectionMark ?? "—"}
            </dd>
            <dt>Download</dt>
            <dd data-testid="wan-rx">{formatBps(w.rxBps)}</dd>
            <dt>Upload</dt>
            <dd data-testid="wan-tx">{formatBps(w.txBps)}</dd>
            <dt>Connections</dt>
            <dd data-testid="wan-connections">{formatInt(w.connections)}</dd>
            <dt>Share (expected)</dt>
            <dd data-testid="wan-share">
              {formatPercent(w.connectionShare)} ({formatPercent(w.expectedShare)})
            </dd>
          </dl>
        </article>
      ))}
      {unmarked && (
        <article className="card" data-testid="unmarked-card">
          <h2>
            <span className="swatch unmarked" />
            unmarked
          </h2>
          <dl>
            <dt>Connections</dt>
            <dd data-testid="unmarked-connections">{formatInt(unmarked.connections)}</dd>
            <dt>Of the table</dt>
            <dd>{formatPercent(unmarked.share)}</dd>
          </dl>
          <p className="muted small">No connection mark: these leave by the main table&apos;s default route.</p>
        </article>
      )}
    </div>
  );
}
