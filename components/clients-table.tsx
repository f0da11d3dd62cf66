import Link from "next/link";
import { formatDuration, formatTimestamp } from "@/lib/format";
import type { ClientPage } from "@/lib/queries/router-clients";
import { clientHref } from "./client-href";
import { SortHeader } from "./sort-header";
import { ClientActions } from "./actions/client-actions";

type Props = {
  routerId: number;
  clients: ClientPage;
  now: Date;
  sort: string;
  dir: "asc" | "desc";
  sortHref: (sort: string, dir: "asc" | "desc" | undefined) => string;
  canAct?: boolean;
  wanLists?: string[];
};

/** A router's current clients; operators and admins get Move / Pin in the actions column. */
export function ClientsTable({ routerId, clients, now, sort, dir, sortHref, canAct, wanLists }: Props) {
  const header = (label: string, key: string, numeric?: boolean) => (
    <SortHeader label={label} sortKey={key} current={sort} dir={dir} hrefFor={sortHref} numeric={numeric} />
  );
  if (clients.rows.length === 0)
    return (
      <p className="muted" data-testid="clients-empty">
        No client matches. Clients appear when the router puts them on a WAN list.
      </p>
    );
  return (
    <div className="table-scroll">
      <table data-testid="clients-table">
        <thead>
          <tr>
            {header("Address", "address")}
            {header("Lists", "lists")}
            {header("On the list for", "tenure")}
            {header("Flips (24 h)", "flips", true)}
            {header("Dual-listed", "dual")}
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {clients.rows.map((c) => (
            <tr key={c.address} data-testid="client-row" data-address={c.address}>
              <td>
                <code>{c.address}</code>
              </td>
              <td>{c.lists.join(", ")}</td>
              <td title={c.since?.toISOString()}>
                {formatDuration(c.tenureMs)}
                {c.since && <span className="muted small"> since {formatTimestamp({ at: c.since, now })}</span>}
              </td>
              <td className="num">{c.flips24h}</td>
              <td>
                {c.dualListedSince ? (
                  <span className="badge bad" data-testid="dual-flag">
                    since {formatTimestamp({ at: c.dualListedSince, now })}
                  </span>
                ) : (
                  <span className="muted">no</span>
                )}
              </td>
              <td>
                <Link href={clientHref({ routerId, address: c.address })}>History</Link>
                {canAct && wanLists && wanLists.length > 1 && (
                  <>
                    {" "}
                    <ClientActions routerId={routerId} address={c.address} currentLists={c.lists} wanLists={wanLists} compact />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
