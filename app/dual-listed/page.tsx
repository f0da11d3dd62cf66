import Link from "next/link";
import { BadParams } from "@/components/bad-params";
import { clientHref } from "@/components/client-href";
import { hrefWith } from "@/components/href";
import { LiveRefresh } from "@/components/live-refresh";
import { Pager } from "@/components/pager";
import { getDb } from "@/lib/db";
import { formatDuration, formatInt, formatTimestamp } from "@/lib/format";
import { listDualListedClients } from "@/lib/queries/dual-listed";
import { listParamsSchema, parseSearchParams, type RawSearchParams } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";
import { hasRole } from "@/lib/auth/roles";
import { suggestKeepLists } from "@/lib/actions/suggest-keep-list";
import { ResolveAll, ResolveOne, type DualRow } from "@/components/actions/resolve-dual";

export const dynamic = "force-dynamic";

export default async function DualListedPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const session = await requirePageUser();
  const parsed = parseSearchParams(listParamsSchema, await searchParams);
  if (!parsed.ok) return <BadParams issues={parsed.issues} resetHref="/dual-listed" />;
  const now = new Date();
  const result = await listDualListedClients({ db: getDb(), now, q: parsed.data.q, page: parsed.data.page });
  const canAct = hasRole(session.user, "operator");
  const suggestions = canAct
    ? await suggestKeepLists({ ctx: { db: getDb() }, input: { routerIds: [...new Set(result.rows.map((r) => r.routerId))], now } })
    : new Map();
  const dualRow = (r: (typeof result.rows)[number]): DualRow => {
    const s = suggestions.get(r.routerId);
    const suggested = s && r.lists.includes(s.list) ? s.list : (r.lists[0] ?? null);
    return {
      routerId: r.routerId,
      routerName: r.routerName,
      address: r.address,
      lists: r.lists,
      suggested,
      reason: s && r.lists.includes(s.list) ? s.reason : "first list",
    };
  };
  return (
    <section className="panel">
      <div className="row between">
        <h1>Dual-listed clients</h1>
        <LiveRefresh everySec={10} readAt={now.toISOString()} readAtText={formatTimestamp({ at: now, now, seconds: true })} />
      </div>
      <p className="muted">
        Clients on more than one WAN list: the first list&apos;s rules win and re-mark their connections, so they do not stay on one WAN.{" "}
        <span data-testid="dual-summary">
          {formatInt(result.matching)} clients on {formatInt(result.routers)} routers.
        </span>
      </p>
      <form className="filters" method="get" action="/dual-listed" role="search" aria-label="Filter dual-listed clients">
        <label>
          Client address, prefix or router name
          <input type="search" name="q" defaultValue={parsed.data.q ?? ""} maxLength={100} />
        </label>
        <button type="submit" className="primary">
          Filter
        </button>
        <Link href="/dual-listed">Clear</Link>
      </form>
      {canAct && result.rows.length > 0 && <ResolveAll rows={result.rows.map(dualRow)} />}
      {result.rows.length === 0 ? (
        <p className="empty-state" data-testid="dual-empty">
          No client is on more than one WAN list{parsed.data.q ? " for this filter" : ""}.
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="dual-table">
            <thead>
              <tr>
                <th>Router</th>
                <th>Client</th>
                <th>Lists</th>
                <th>Since</th>
                <th>For</th>
                <th>Action</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={`${r.routerId}-${r.address}`} data-testid="dual-row" data-address={r.address} data-router={r.routerName}>
                  <td>
                    <Link href={`/routers/${r.routerId}`}>{r.routerName}</Link>
                    {r.site && <div className="muted small">{r.site}</div>}
                  </td>
                  <td>
                    <code>{r.address}</code>
                  </td>
                  <td>{r.lists.join(" + ")}</td>
                  <td>{formatTimestamp({ at: r.since, now })}</td>
                  <td>{formatDuration(r.durationMs)}</td>
                  <td>
                    <Link href={clientHref({ routerId: r.routerId, address: r.address })}>Open client</Link>
                    {canAct && (
                      <>
                        {" "}
                        <ResolveOne row={dualRow(r)} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={result.page}
        pageCount={result.pageCount}
        matching={result.matching}
        noun="clients"
        hrefFor={(page) => hrefWith({ path: "/dual-listed", current: parsed.data, changes: { page }, defaults: { page: 1 } })}
      />
    </section>
  );
}
