import type { Db } from "../db";
import { RANGE_SECONDS, seriesPlan, type Range, type SeriesSource, type SeriesStep } from "../metrics/series-plan";
import { fillShares, round, wanKey, type SeriesPoint, type WanPoint } from "../metrics/series-point";
import { epochMs, Prisma, queryJsonRows, tsParam } from "../db/sql";

export { wanKey, type SeriesPoint, type WanPoint };

export type RouterSeries = {
  range: Range;
  source: SeriesSource | null;
  binSec: number;
  from: Date;
  to: Date;
  wans: { id: number; name: string; expectedShare: number }[];
  points: SeriesPoint[];
  /** new connections over the whole range, per WAN and unmarked */
  newSplit: {
    total: number;
    perWan: { id: number; name: string; newConnections: number; share: number | null }[];
    unmarked: { newConnections: number; share: number | null };
  };
};

export type WanRow = {
  wan_id: number;
  t: number;
  rx: number | null;
  tx: number | null;
  conn: number | null;
  newc: number | null;
  up: number | null;
};
export type RouterRow = { t: number; unmarked: number | null; newu: number | null };

/** Bucket start of a sample (`ts`) or rollup (`bucket`) row; only these names reach Prisma.raw. */
const binned = (column: "ts" | "bucket", binSec: number): Prisma.Sql =>
  epochMs(Prisma.sql`date_bin(${`${binSec} seconds`}::interval, ${Prisma.raw(column)}, TIMESTAMP '1970-01-01')`);

async function readWans(options: { db: Db; routerId: number; step: SeriesStep; from: Date; to: Date }): Promise<WanRow[]> {
  const { db, routerId, step, from, to } = options;
  if (step.source === "raw") {
    return queryJsonRows<WanRow>({
      db,
      query: Prisma.sql`
      SELECT wan_id, ${binned("ts", step.binSec)} AS t, avg(rx_bps)::float8 AS rx, avg(tx_bps)::float8 AS tx, avg(connections)::float8 AS conn,
             sum(new_connections)::float8 AS newc, (count(*) FILTER (WHERE route_active))::float8 / count(*) AS up
      FROM wan_samples WHERE router_id = ${routerId} AND ts > ${tsParam(from)} AND ts <= ${tsParam(to)}
      GROUP BY 1, 2`,
    });
  }
  return queryJsonRows<WanRow>({
    db,
    query: Prisma.sql`
    SELECT wan_id, ${binned("bucket", step.binSec)} AS t, avg(rx_bps_avg)::float8 AS rx, avg(tx_bps_avg)::float8 AS tx, avg(connections_avg)::float8 AS conn,
           sum(new_connections)::float8 AS newc, sum(route_up_samples)::float8 / nullif(sum(samples), 0) AS up
    FROM wan_rollups WHERE router_id = ${routerId} AND resolution = ${step.source}::"Resolution" AND bucket > ${tsParam(from)} AND bucket <= ${tsParam(to)}
    GROUP BY 1, 2`,
  });
}

async function readRouter(options: { db: Db; routerId: number; step: SeriesStep; from: Date; to: Date }): Promise<RouterRow[]> {
  const { db, routerId, step, from, to } = options;
  if (step.source === "raw") {
    return queryJsonRows<RouterRow>({
      db,
      query: Prisma.sql`
      SELECT ${binned("ts", step.binSec)} AS t, avg(connections_unmarked)::float8 AS unmarked, sum(new_connections_unmarked)::float8 AS newu
      FROM router_samples WHERE router_id = ${routerId} AND ts > ${tsParam(from)} AND ts <= ${tsParam(to)}
      GROUP BY 1`,
    });
  }
  return queryJsonRows<RouterRow>({
    db,
    query: Prisma.sql`
    SELECT ${binned("bucket", step.binSec)} AS t, avg(connections_unmarked_avg)::float8 AS unmarked, sum(new_connections_unmarked)::float8 AS newu
    FROM router_rollups WHERE router_id = ${routerId} AND resolution = ${step.source}::"Resolution" AND bucket > ${tsParam(from)} AND bucket <= ${tsParam(to)}
    GROUP BY 1`,
  });
}

const share = (part: number | null, total: number): number | null => (part === null || total <= 0 ? null : part / total);

/** Bins from the range start to now, filled from the rows; empty bins stay null so charts show gaps. */
export function buildPoints(options: {
  wanIds: number[];
  wanRows: WanRow[];
  routerRows: RouterRow[];
  from: Date;
  to: Date;
  binSec: number;
}): SeriesPoint[] {
  const binMs = options.binSec * 1000;
  const byBin = new Map<number, SeriesPoint>();
  const empty = (): WanPoint => ({ rx: null, tx: null, conn: null, connShare: null, newConn: null, newShare: null, up: null });
  const first = Math.floor((options.from.getTime() + 1) / binMs) * binMs;
  for (let t = first; t <= options.to.getTime(); t += binMs) {
    const wan: Record<string, WanPoint> = {};
    for (const id of options.wanIds) wan[wanKey(id)] = empty();
    byBin.set(t, { t, wan, unmarked: { conn: null, newConn: null, newShare: null } });
  }
  for (const row of options.wanRows) {
    const point = byBin.get(row.t)?.wan[wanKey(row.wan_id)];
    if (point)
      Object.assign(point, {
        rx: round(row.rx, 0),
        tx: round(row.tx, 0),
        conn: round(row.conn, 1),
        newConn: row.newc,
        up: round(row.up, 3),
      });
  }
  for (const row of options.routerRows) {
    const point = byBin.get(row.t);
    if (point) point.unmarked = { conn: round(row.unmarked, 1), newConn: row.newu, newShare: null };
  }
  for (const point of byBin.values()) fillShares(point);
  return [...byBin.values()];
}

/** Time series of one router for a range, from raw samples or rollups as the range needs. */
export async function getRouterSeries(options: { db: Db; now: Date; routerId: number; range: Range }): Promise<RouterSeries> {
  const { db, now, routerId, range } = options;
  const to = now;
  const from = new Date(now.getTime() - RANGE_SECONDS[range] * 1000);
  const [router] = await db.$queryRaw<{ pollIntervalSec: number; wans: { id: number; name: string; expectedWeight: number }[] }[]>`
    SELECT r.poll_interval_sec AS "pollIntervalSec",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', w.id, 'name', w.name, 'expectedWeight', w.expected_weight) ORDER BY w.position, w.id), '[]'::jsonb)
        FROM wans w WHERE w.router_id = r.id) AS wans
    FROM routers r WHERE r.id = ${routerId}`;
  const wanList = router?.wans ?? [];
  const weightTotal = wanList.reduce((s, w) => s + Math.max(0, w.expectedWeight), 0);
  const wans = wanList.map((w) => ({
    id: w.id,
    name: w.name,
    expectedShare: weightTotal > 0 ? Math.max(0, w.expectedWeight) / weightTotal : 0,
  }));
  let chosen: { step: SeriesStep; wanRows: WanRow[]; routerRows: RouterRow[] } | null = null;
  for (const planned of seriesPlan(range)) {
    // Raw bins span two poll intervals at least, so poll jitter never leaves holes in the lines.
    const step = planned.source === "raw" ? { ...planned, binSec: Math.max(planned.binSec, 2 * (router?.pollIntervalSec ?? 5)) } : planned;
    const [wanRows, routerRows] = await Promise.all([
      readWans({ db, routerId, step, from, to }),
      readRouter({ db, routerId, step, from, to }),
    ]);
    if (wanRows.length > 0 || routerRows.length > 0) {
      chosen = { step, wanRows, routerRows };
      break;
    }
  }
  const step = chosen?.step ?? seriesPlan(range)[0] ?? { source: "raw", binSec: 60 };
  const points = buildPoints({
    wanIds: wans.map((w) => w.id),
    wanRows: chosen?.wanRows ?? [],
    routerRows: chosen?.routerRows ?? [],
    from,
    to,
    binSec: step.binSec,
  });
  const perWan = wans.map((w) => ({
    id: w.id,
    name: w.name,
    newConnections: points.reduce((s, p) => s + (p.wan[wanKey(w.id)]?.newConn ?? 0), 0),
  }));
  const unmarkedNew = points.reduce((s, p) => s + (p.unmarked.newConn ?? 0), 0);
  const total = perWan.reduce((s, w) => s + w.newConnections, 0) + unmarkedNew;
  return {
    range,
    source: chosen ? step.source : null,
    binSec: step.binSec,
    from,
    to,
    wans,
    points,
    newSplit: {
      total,
      perWan: perWan.map((w) => ({ ...w, share: share(w.newConnections, total) })),
      unmarked: { newConnections: unmarkedNew, share: share(unmarkedNew, total) },
    },
  };
}
