import Link from "next/link";
import { AlertBadge } from "@/components/alerts/alert-badge";
import { BadParams } from "@/components/bad-params";
import { FleetFilters } from "@/components/fleet-filters";
import { FleetTable } from "@/components/fleet-table";
import { hrefWith, type QueryValues } from "@/components/href";
import { LiveRefresh } from "@/components/live-refresh";
import { Pager } from "@/components/pager";
import { getDb } from "@/lib/db";
import { formatInt, formatTimestamp } from "@/lib/format";
import { countOpenAlertsByRouter } from "@/lib/queries/alerts-counts";
import { FLEET_DEFAULT_DIR, getFleetOverview } from "@/lib/queries/fleet-overview";
import { sharedFleetSnapshots } from "@/lib/queries/fleet-snapshot";
import { fleetParamsSchema, parseSearchParams, type RawSearchParams } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";

export const dynamic = "force-dynamic";

const DEFAULTS: QueryValues = { sort: "status", page: 1, size: 25 };

export default async function FleetOverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser();
  const parsed = parseSearchParams(fleetParamsSchema, await searchParams);
  if (!parsed.ok) return <BadParams issues={parsed.issues} resetHref="/" />;
  const params = parsed.data;
  const now = new Date();
  const db = getDb();
  const fleet = await getFleetOverview({ db, now, params, snapshots: sharedFleetSnapshots });
  if (fleet.fleetSize === 0) {
    return (
      <section className="panel empty-state" data-testid="fleet-empty">
        <h1>No router is configured yet</h1>
        <p className="muted">
          Add a router with <code>npm run wanscope -- router add</code>. WANscope then discovers its WANs and starts polling it.
        </p>
        <LiveRefresh everySec={10} readAt={now.toISOString()} readAtText={formatTimestamp({ at: now, now, seconds: true })} />
      </section>
    );
  }
  const current: QueryValues = { ...params, status: params.status };
  const href = (changes: QueryValues) => hrefWith({ path: "/", current, changes, defaults: DEFAULTS });
  const dir = params.dir ?? FLEET_DEFAULT_DIR[params.sort];
  // One grouped query for the rows on this page, however many routers the fleet has.
  const alerts = await countOpenAlertsByRouter({ db, routerIds: fleet.rows.map((r) => r.id) });
  const attention =
    fleet.healthCounts.unreachable +
    fleet.healthCounts.auth_failed +
    fleet.healthCounts.timed_out +
    fleet.healthCounts.error +
    fleet.healthCounts.stale;
  return (
    <>
      <section className="panel">
        <div className="row between">
          <div className="row">
            <h1>Fleet</h1>
            <AlertBadge />
          </div>
          <LiveRefresh
            everySec={fleet.refreshSec}
            readAt={fleet.readAt.toISOString()}
            readAtText={formatTimestamp({ at: fleet.readAt, now, seconds: true })}
          />
        </div>
        <p className="muted" data-testid="fleet-summary">
          {formatInt(fleet.fleetSize)} routers · {formatInt(fleet.healthCounts.ok)} ok · {formatInt(attention)} need attention
          {" · "}newest poll {formatTimestamp({ at: fleet.newestPollAt, now, seconds: true })}
        </p>
        <FleetFilters params={params} sites={fleet.sites} tags={fleet.tags} healthCounts={fleet.healthCounts} />
      </section>
      <section className="panel">
        {fleet.matching === 0 ? (
          <p className="empty-state" data-testid="fleet-no-match">
            No router matches these filters. <Link href="/">Show every router</Link>
          </p>
        ) : (
          <>
            <FleetTable
              rows={fleet.rows}
              alerts={alerts}
              now={now}
              sort={params.sort}
              dir={dir}
              sortHref={(sort, d) => href({ sort, dir: d, page: 1 })}
            />
            <Pager
              page={fleet.page}
              pageCount={fleet.pageCount}
              matching={fleet.matching}
              noun="routers"
              hrefFor={(page) => href({ page })}
            />
          </>
        )}
      </section>
    </>
  );
}
