import type { Db } from "../db";
import { latestWanSamples } from "./latest-wan-samples";
import { listCounts } from "./list-counts";
import { dateOrNull, epochMs, Prisma } from "../db/sql";
import { connectionImbalance, fleetWans, type FleetWan, type ImbalanceSummary } from "./wan-shares";

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

export type FleetSnapshot = { readAt: Date; routers: SnapshotRouter[] };

type RouterSampleRow = { router_id: number; ts_ms: number; connections_total: number; connections_unmarked: number; clients: number; dual_listed: number; list_counts: unknown };

export async function readFleetSnapshot(options: { db: Db; now: Date }): Promise<FleetSnapshot> {
  const { db, now } = options;
  const [routers, samples, wanSamples] = await Promise.all([
    db.router.findMany({
      select: {
        id: true, name: true, site: true, tags: true, status: true, enabled: true, statusSince: true, lastError: true,
        lastPollAt: true, pollIntervalSec: true, balancingMethod: true,
        wans: { select: { id: true, name: true, expectedWeight: true }, orderBy: [{ position: "asc" }, { id: "asc" }] },
      },
    }),
    db.$queryRaw<RouterSampleRow[]>`
      SELECT r.id AS router_id, ${epochMs(Prisma.sql`s.ts`)} AS ts_ms, s.connections_total, s.connections_unmarked, s.clients, s.dual_listed, s.list_counts
      FROM routers r
      JOIN LATERAL (SELECT * FROM router_samples rs WHERE rs.router_id = r.id ORDER BY rs.ts DESC LIMIT 1) s ON true`,
    latestWanSamples({ db }),
  ]);
  const sampleByRouter = new Map(samples.map((s) => [s.router_id, s]));
  return {
    readAt: now,
    routers: routers.map(({ wans: wanRows, ...r }) => {
      const sample = sampleByRouter.get(r.id);
      const wans = fleetWans(wanRows.map((w) => ({ ...w, latest: wanSamples.get(w.id) })));
      return {
        ...r,
        status: String(r.status),
        wans,
        sampleAt: dateOrNull(sample?.ts_ms),
        connectionsTotal: sample?.connections_total ?? null,
        connectionsUnmarked: sample?.connections_unmarked ?? null,
        clients: sample?.clients ?? null,
        listCounts: listCounts(sample?.list_counts),
        dualListed: sample?.dual_listed ?? null,
        imbalance: connectionImbalance(wans),
      };
    }),
  };
}

export type SnapshotCache = { get: (options: { db: Db; now: Date }) => Promise<FleetSnapshot> };

/** Reuses a snapshot younger than `ttlMs` (by the caller's clock) and shares a read in flight. */
export function snapshotCache(options: { ttlMs: number }): SnapshotCache {
  let entry: { db: Db; at: number; promise: Promise<FleetSnapshot> } | null = null;
  return {
    get({ db, now }) {
      const at = now.getTime();
      if (entry && entry.db === db && at - entry.at >= 0 && at - entry.at < options.ttlMs) return entry.promise;
      const promise = readFleetSnapshot({ db, now });
      const mine = { db, at, promise };
      entry = mine;
      promise.catch(() => {
        if (entry === mine) entry = null; // never keep a failed read
      });
      return promise;
    },
  };
}

/** The one the pages use: at most one fleet read per second per server process. */
export const sharedFleetSnapshots = snapshotCache({ ttlMs: 1000 });
