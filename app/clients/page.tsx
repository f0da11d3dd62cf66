import Link from "next/link";
import { BadParams } from "@/components/bad-params";
import { clientHref } from "@/components/client-href";
import { hrefWith } from "@/components/href";
import { Pager } from "@/components/pager";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { searchClients } from "@/lib/queries/client-search";
import { listParamsSchema, parseSearchParams, type RawSearchParams } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";

export const dynamic = "force-dynamic";

export default async function ClientSearchPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser();
  const parsed = parseSearchParams(listParamsSchema, await searchParams);
  if (!parsed.ok) return <BadParams issues={parsed.issues} resetHref="/clients" />;
  const { q, page } = parsed.data;
  const now = new Date();
  const result = q ? await searchClients({ db: getDb(), now, q, page }) : null;
  return (
    <section className="panel">
      <h1>Client search</h1>
      <form className="filters" method="get" action="/clients" role="search" aria-label="Search clients across the fleet">
        <label>
          IP address, prefix (192.168.1.) or CIDR (10.0.0.0/16)
          <input type="search" name="q" defaultValue={q ?? ""} maxLength={100} autoFocus />
        </label>
        <button type="submit" className="primary">
          Search
        </button>
      </form>
      {!result ? (
        <p className="muted">Search every router&apos;s WAN lists for a client address.</p>
      ) : result.query.kind === "none" ? (
        <p className="status-warn" data-testid="search-invalid">
          “{q}” is not an IPv4 address, prefix or CIDR block. Try <code>192.168.0.23</code>, <code>192.168.0.</code> or{" "}
          <code>192.168.0.0/24</code>.
        </p>
      ) : result.rows.length === 0 ? (
        <p className="empty-state" data-testid="search-empty">
          No router has a client matching {q} on its WAN lists.
        </p>
      ) : (
        <>
          <div className="table-scroll">
            <table data-testid="search-table">
              <thead>
                <tr>
                  <th>Client</th>
                  <th>Router</th>
                  <th>Lists</th>
                  <th>Since</th>
                  <th>Dual-listed</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={`${r.routerId}-${r.address}`} data-testid="search-row" data-address={r.address}>
                    <td>
                      <code>{r.address}</code>
                    </td>
                    <td>
                      <Link href={`/routers/${r.routerId}`}>{r.routerName}</Link>
                    </td>
                    <td>{r.lists.join(", ")}</td>
                    <td>{formatTimestamp({ at: r.since, now })}</td>
                    <td>
                      {r.dualListedSince ? (
                        <span className="badge bad">since {formatTimestamp({ at: r.dualListedSince, now })}</span>
                      ) : (
                        "no"
                      )}
                    </td>
                    <td>
                      <Link href={clientHref({ routerId: r.routerId, address: r.address })}>History</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={result.page}
            pageCount={result.pageCount}
            matching={result.matching}
            noun="matches"
            hrefFor={(p) => hrefWith({ path: "/clients", current: { q }, changes: { page: p }, defaults: { page: 1 } })}
          />
        </>
      )}
    </section>
  );
}
