import type { Db } from "../db";
import { listCounts } from "../metrics/list-counts";
import { dateOrNull, epochMs, Prisma, queryJsonRows } from "../db/sql";
import { latestOf, wansWithLatestJson, type WanWithLatestJson } from "./wans-with-latest";
import { connectionImbalance, fleetWans, type FleetWan, type ImbalanceSummary } from "../metrics/wan-shares";

// Every router with its newest samples: the part of the fleet overview that does not depend on the
// filters. Pages share one read for a moment (polls land every few seconds anyway), so a wall of
// screens or a burst of requests costs one set of queries, not one per request.

export type SnapshotRouter = {
  id: number;
  name: string;
  site: string | null;
  tags: string[];
  status: string;
  enabled: boolean;
  statusSince: Date | null;
  lastError: string | null;
  lastPollAt: Date | null;
  pollIntervalSec: number;
  balancingMethod: string | null;
  wans: FleetWan[];
  sampleAt: Date | null;
  connectionsTotal: number | null;
  connectionsUnmarked: number | null;
  clients: number | null;
  listCounts: { list: string; clients: number }[];
  dualListed: number | null;
  imbalance: ImbalanceSummary;
};

/** Routers in name order. */
export type FleetSnapshot = { readAt: Date; routers: SnapshotRouter[] };

type Row = {
  id: number;
  name: string;
  site: string | null;
  tags: string[];
  status: string;
  enabled: boolean;
  status_since_ms: number | null;
  last_error: string | null;
  last_poll_at_ms: number | null;
  poll_interval_sec: number;
  balancing_method: string | null;
  wans: WanWithLatestJson[];
  ts_ms: number | null;
  connections_total: number | null;
  connections_unmarked: number | null;
  clients: number | null;
  dual_listed: number | null;
  list_counts: unknown;
};

// One raw statement: as Prisma model queries (routers, then their WANs, then samples) this read cost
// several times more CPU, and it sits on the fleet page's path about once a second under load. The
// newest samples are one index probe per router and per WAN (keyed by id and time).
export async function readFleetSnapshot(options: { db: Db; now: Date }): Promise<FleetSnapshot> {
  const { db, now } = options;
  // Decoded as one JSON value: far cheaper than a thousand rows of columns.
  const rows = await queryJsonRows<Row>({
    db,
    query: Prisma.sql`
    SELECT r.id, r.name, r.site, r.tags, r.status::text AS status, r.enabled, ${epochMs(Prisma.sql`r.status_since`)} AS status_since_ms, r.last_error,
      ${epochMs(Prisma.sql`r.last_poll_at`)} AS last_poll_at_ms, r.poll_interval_sec, r.balancing_method, ${wansWithLatestJson(Prisma.sql`r.id`)} AS wans,
      ${epochMs(Prisma.sql`s.ts`)} AS ts_ms, s.connections_total, s.connections_unmarked, s.clients, s.dual_listed, s.list_counts
    FROM routers r
    LEFT JOIN LATERAL (SELECT * FROM router_samples rs WHERE rs.router_id = r.id ORDER BY rs.ts DESC LIMIT 1) s ON true`,
  });
  const routers = rows.map((r): SnapshotRouter => {
    const wans = fleetWans(r.wans.map((w) => ({ id: w.id, name: w.name, expectedWeight: w.expectedWeight, latest: latestOf(w) })));
    return {
      id: r.id,
      name: r.name,
      site: r.site,
      tags: r.tags,
      status: r.status,
      enabled: r.enabled,
      statusSince: dateOrNull(r.status_since_ms),
      lastError: r.last_error,
      lastPollAt: dateOrNull(r.last_poll_at_ms),
      pollIntervalSec: r.poll_interval_sec,
      balancingMethod: r.balancing_method,
      wans,
      sampleAt: dateOrNull(r.ts_ms),
      connectionsTotal: r.connections_total,
      connectionsUnmarked: r.connections_unmarked,
      clients: r.clients,
      listCounts: listCounts(r.list_counts),
      dualListed: r.dual_listed,
      imbalance: connectionImbalance(wans),
    };
  });
  // In name order (as the page compares names), so a router's index is its rank by name: requests
  // then sort a thousand rows with integer ties instead of thousands of string collations.
  const byName = new Intl.Collator().compare;
  routers.sort((a, b) => byName(a.name, b.name));
  return { readAt: now, routers };
}

export type SnapshotCache = { get: (options: { db: Db; now: Date }) => Promise<FleetSnapshot> };

/**
 * Reuses a snapshot younger than `ttlMs` (by the caller's clock) and shares a read in flight. Past
 * half its life a snapshot is refreshed in the background while it is still served, so under steady
 * load requests do not wait for reads, yet none gets data older than `ttlMs`.
 */
export function snapshotCache(options: { ttlMs: number; read?: typeof readFleetSnapshot }): SnapshotCache {
  const read = options.read ?? readFleetSnapshot;
  type Entry = { db: Db; at: number; promise: Promise<FleetSnapshot>; settled: boolean };
  let entry: Entry | null = null;
  let refreshing: Entry | null = null;
  const start = (db: Db, at: number): Entry => {
    const mine: Entry = { db, at, promise: read({ db, now: new Date(at) }), settled: false };
    mine.promise.then(
      () => {
        mine.settled = true;
        if (refreshing === mine) refreshing = null;
        if (!entry || entry.at < mine.at || entry.db !== db) entry = mine;
      },
      () => {
        if (refreshing === mine) refreshing = null;
        if (entry === mine) entry = null; // never keep a failed read
      },
    );
    return mine;
  };
  return {
    get({ db, now }) {
      const at = now.getTime();
      const current = entry && entry.db === db && at - entry.at >= 0 ? entry : null;
      const age = current ? at - current.at : Infinity;
      if (current && age < options.ttlMs) {
        if (current.settled && age >= options.ttlMs / 2 && refreshing?.db !== db) refreshing = start(db, at);
        return current.promise;
      }
      if (refreshing && refreshing.db === db && at - refreshing.at >= 0 && at - refreshing.at < options.ttlMs) return refreshing.promise;
      const fresh = start(db, at);
      entry = fresh;
      return fresh.promise;
    },
  };
}

/** The one the pages use: data at most a second old, at most about two fleet reads a second per server. */
export const sharedFleetSnapshots = snapshotCache({ ttlMs: 1000 });
