import Link from "next/link";
import { notFound } from "next/navigation";
import { ClientTimeline } from "@/components/client-timeline";
import { getDb } from "@/lib/db";
import { formatAgo, formatTimestamp } from "@/lib/format";
import { getClientHistory } from "@/lib/queries/client-history";
import { routerIdSchema } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";
import { hasRole } from "@/lib/auth/roles";
import { ClientActions } from "@/components/actions/client-actions";

export const dynamic = "force-dynamic";

export default async function ClientHistoryPage({ params }: { params: Promise<{ id: string; address: string }> }) {
  const session = await requirePageUser();
  const raw = await params;
  const id = routerIdSchema.safeParse(raw.id);
  const address = decodeURIComponent(raw.address);
  if (!id.success || address.length === 0 || address.length > 100) notFound();
  const now = new Date();
  const history = await getClientHistory({ db: getDb(), now, routerId: id.data, address });
  if (!history) notFound();
  const current = history.current;
  const wanLists = history.router.wanLists;
  return (
    <>
      <section className="panel">
        <p className="small">
          <Link href={`/routers/${history.router.id}#clients`}>← {history.router.name}</Link>
        </p>
        <h1>
          Client <code data-testid="client-address">{history.address}</code> on {history.router.name}
        </h1>
        {!current || current.lists.length === 0 ? (
          <p className="muted" data-testid="client-current">
            Not on any WAN list now.
          </p>
        ) : (
          <p data-testid="client-current">
            On {current.lists.join(" and ")}
            {current.dualListedSince && (
              <span className="badge bad" data-testid="dual-flag">
                dual-listed since {formatTimestamp({ at: current.dualListedSince, now })}
              </span>
            )}
            {" · "}first seen {formatTimestamp({ at: current.firstSeenAt, now })} · last change{" "}
            {formatAgo({ at: current.lastChangeAt, now })}
          </p>
        )}
        {history.memberships.length > 0 && (
          <ul data-testid="client-memberships">
            {history.memberships.map((m) => (
              <li key={m.list}>
                {m.list} since {formatTimestamp({ at: m.since, now })} ({formatAgo({ at: m.since, now })})
                {m.dynamic ? ", dynamic entry" : ", static entry"}
              </li>
            ))}
          </ul>
        )}
        {hasRole(session.user, "operator") && wanLists.length > 1 && (
          <>
            <h2>Actions</h2>
            <ClientActions routerId={history.router.id} address={history.address} currentLists={current?.lists ?? []} wanLists={wanLists} />
          </>
        )}
      </section>
      <section className="panel">
        <h2>History</h2>
        <ClientTimeline events={history.events} now={now} truncated={history.truncated} />
      </section>
    </>
  );
}
