import { notFound } from "next/navigation";
import { AlertBadge } from "@/components/alerts/alert-badge";
import { RouterAlerts } from "@/components/alerts/router-alerts";
import { BadParams } from "@/components/bad-params";
import { GatewayTimeline } from "@/components/charts/gateway-timeline";
import { RouterCharts } from "@/components/charts/router-charts";
import { toColumns } from "@/components/charts/series-columns";
import { ClientFilters } from "@/components/client-filters";
import { ClientsTable } from "@/components/clients-table";
import { HealthBadge } from "@/components/health-badge";
import { hrefWith, type QueryValues } from "@/components/href";
import { ImbalanceBadge } from "@/components/imbalance-badge";
import { LiveRefresh } from "@/components/live-refresh";
import { Pager } from "@/components/pager";
import { RangePicker } from "@/components/range-picker";
import { RouterStateBanner } from "@/components/router-state-banner";
import { WanCards } from "@/components/wan-cards";
import { RouterTabs } from "@/components/routers/router-tabs";
import { getDb } from "@/lib/db";
import { formatAgo, formatDuration, formatInt, formatTimestamp } from "@/lib/format";
import { CLIENT_DEFAULT_DIR, listRouterClients } from "@/lib/queries/router-clients";
import { getRouterDetail } from "@/lib/queries/router-detail";
import { getRouterSeries } from "@/lib/queries/router-series";
import { parseSearchParams, routerIdSchema, routerParamsSchema, type RawSearchParams } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";
import { hasRole } from "@/lib/auth/roles";
import { wanListsOf } from "@/lib/metrics/wan-lists";

export const dynamic = "force-dynamic";

const DEFAULTS: QueryValues = { range: "1h", csort: "address", cpage: 1 };

export default async function RouterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const session = await requirePageUser();
  const id = routerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const parsed = parseSearchParams(routerParamsSchema, await searchParams);
  if (!parsed.ok) return <BadParams issues={parsed.issues} resetHref={`/routers/${id.data}`} />;
  const query = parsed.data;
  const db = getDb();
  const now = new Date();
  const routerId = id.data;
  const [router, series, clients] = await Promise.all([
    getRouterDetail({ db, now, routerId }),
    getRouterSeries({ db, now, routerId, range: query.range }),
    listRouterClients({
      db,
      now,
      routerId,
      filter: { q: query.cq, list: query.clist, dual: query.cdual, sort: query.csort, dir: query.cdir, page: query.cpage },
    }),
  ]);
  if (!router) notFound();
  const path = `/routers/${routerId}`;
  const href = (changes: QueryValues, hash = "") => `${hrefWith({ path, current: query, changes, defaults: DEFAULTS })}${hash}`;
  const clientDir = query.cdir ?? CLIENT_DEFAULT_DIR[query.csort];
  const latest = router.latest;
  return (
    <>
      <section className="panel">
        <div className="row between">
          <div className="row">
            <h1 data-testid="router-name">{router.name}</h1>
            <RouterTabs routerId={routerId} current="overview" />
            <HealthBadge health={router.health} />
            <ImbalanceBadge {...router.imbalance} />
            <AlertBadge routerId={routerId} />
          </div>
          <LiveRefresh
            everySec={router.pollIntervalSec}
            readAt={now.toISOString()}
            readAtText={formatTimestamp({ at: now, now, seconds: true })}
          />
        </div>
        <p className="muted small" data-testid="router-facts">
          {router.host}:{router.port} · RouterOS {router.rosVersion ?? "?"} · {router.balancingMethod ?? "unknown"} balancing · site{" "}
          {router.site ?? "—"}
          {router.tags.length > 0 && ` · ${router.tags.join(", ")}`} · polled every {router.pollIntervalSec} s · last poll{" "}
          {formatAgo({ at: router.lastPollAt, now })}
          {latest &&
            ` · sample from ${formatTimestamp({ at: latest.at, now, seconds: true })}, CPU ${latest.cpuLoad ?? "?"}%, up ${formatDuration(latest.uptimeSec * 1000)}`}
        </p>
        {latest && (
          <p data-testid="router-totals">
            {formatInt(latest.connectionsTotal)} connections · {formatInt(latest.clients)} clients (
            {latest.listCounts.map((l) => `${l.list} ${formatInt(l.clients)}`).join(", ") || "no lists"}) ·{" "}
            <span className={latest.dualListed > 0 ? "status-bad" : undefined} data-testid="router-dual">
              {formatInt(latest.dualListed)} dual-listed
            </span>
          </p>
        )}
        {router.discoveryWarnings.length > 0 && (
          <ul className="small status-warn">
            {router.discoveryWarnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </section>
      <RouterStateBanner router={router} now={now} />
      <RouterAlerts routerId={routerId} />
      <WanCards wans={router.wans} unmarked={latest ? { connections: latest.connectionsUnmarked, share: latest.unmarkedShare } : null} />
      <section className="panel">
        <RangePicker current={query.range} source={series.source} binSec={series.binSec} hrefFor={(range) => href({ range })} />
      </section>
      <RouterCharts series={toColumns(series)} balancingMethod={router.balancingMethod} />
      <GatewayTimeline series={series} />
      <section className="panel" id="clients" aria-labelledby="clients-heading">
        <h2 id="clients-heading">Clients</h2>
        <ClientFilters routerId={routerId} params={query} lists={clients.lists} />
        <ClientsTable
          routerId={routerId}
          clients={clients}
          now={now}
          sort={query.csort}
          dir={clientDir}
          sortHref={(csort, cdir) => href({ csort, cdir, cpage: 1 }, "#clients")}
          canAct={hasRole(session.user, "operator")}
          wanLists={wanListsOf(router.wans)}
        />
        <Pager
          page={clients.page}
          pageCount={clients.pageCount}
          matching={clients.matching}
          noun="clients"
          hrefFor={(cpage) => href({ cpage }, "#clients")}
        />
      </section>
    </>
  );
}
