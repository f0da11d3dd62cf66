import type { Db } from "../db";
import { addressCondition, parseAddressQuery } from "./address-query";
import { SKEWED_AT } from "../metrics/imbalance-level";
import { HEALTH_SEVERITY, HEALTHS, routerHealth, type Health } from "../metrics/router-health";
import { readFleetSnapshot, type SnapshotCache, type SnapshotRouter } from "./fleet-snapshot";
import { dateOrNull, Prisma } from "../db/sql";

export const FLEET_SORTS = ["status", "name", "site", "last-poll", "imbalance", "dual", "clients", "connections"] as const;
export type FleetSort = (typeof FLEET_SORTS)[number];

/** What the fleet page asks for: filters, a sort and one page of `size` rows. */
export type FleetFilter = {
  q?: string;
  status: Health[];
  site?: string;
  tag?: string;
  imbalanced: boolean;
  dual: boolean;
  sort: FleetSort;
  dir?: "asc" | "desc";
  page: number;
  size: number;
};

export type FleetRow = Omit<SnapshotRouter, "status" | "enabled"> & { health: Health };

export type FleetOverview = {
  rows: FleetRow[];
  /** routers matching the filters */
  matching: number;
  fleetSize: number;
  page: number;
  pageSize: number;
  pageCount: number;
  healthCounts: Record<Health, number>;
  sites: string[];
  tags: string[];
  newestPollAt: Date | null;
  /** when the routers and samples shown were read */
  readAt: Date;
  /** the shortest poll interval in the fleet: how often the page should refresh */
  refreshSec: number;
};

/** Router ids with a client whose address matches the search, when it looks like an address. */
async function routersWithClient(db: Db, q: string): Promise<Set<number> | null> {
  const query = parseAddressQuery(q);
  if (query.kind === "none") return null;
  const rows = await db.$queryRaw<{ router_id: number }[]>`
    SELECT DISTINCT router_id FROM clients WHERE ${addressCondition({ column: Prisma.sql`address`, query })}`;
  return new Set(rows.map((r) => r.router_id));
}

const DEFAULT_DIR: Record<FleetSort, "asc" | "desc"> = {
  status: "asc",
  name: "asc",
  site: "asc",
  "last-poll": "asc",
  imbalance: "desc",
  dual: "desc",
  clients: "desc",
  connections: "desc",
};

function sortValue(row: FleetRow, sort: FleetSort, nameRank: (row: FleetRow) => number): number | string | null {
  switch (sort) {
    case "status":
      return HEALTH_SEVERITY[row.health];
    case "name":
      return nameRank(row);
    case "site":
      return row.site;
    case "last-poll":
      return row.lastPollAt?.getTime() ?? null;
    case "imbalance":
      return row.imbalance.maxDeviation;
    case "dual":
      return row.dualListed;
    case "clients":
      return row.clients;
    case "connections":
      return row.connectionsTotal;
  }
}

/**
 * Missing values sort last in either direction; ties fall back to the name. `nameRank` is a row's
 * place in name order (the snapshot's order), so names are compared as integers.
 */
export function compareRows(options: {
  sort: FleetSort;
  dir: "asc" | "desc";
  nameRank: (row: FleetRow) => number;
}): (a: FleetRow, b: FleetRow) => number {
  const sign = options.dir === "asc" ? 1 : -1;
  const collate = new Intl.Collator().compare;
  const { nameRank } = options;
  return (a, b) => {
    const x = sortValue(a, options.sort, nameRank);
    const y = sortValue(b, options.sort, nameRank);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const order = typeof x === "string" && typeof y === "string" ? collate(x, y) : Number(x) - Number(y);
      if (order !== 0) return sign * order;
    }
    return nameRank(a) - nameRank(b);
  };
}

/** Every router with its latest sample, filtered, sorted and paged on the server. Pass `snapshots` to share reads. */
export async function getFleetOverview(options: {
  db: Db;
  now: Date;
  params: FleetFilter;
  snapshots?: SnapshotCache;
}): Promise<FleetOverview> {
  const { db, now, params } = options;
  const [snapshot, clientMatch] = await Promise.all([
    options.snapshots ? options.snapshots.get({ db, now }) : readFleetSnapshot({ db, now }),
    params.q ? routersWithClient(db, params.q) : Promise.resolve(null),
  ]);
  const all: FleetRow[] = snapshot.routers.map(({ status, enabled, ...r }) => ({
    ...r,
    health: routerHealth({ status, enabled, lastPollAt: r.lastPollAt, pollIntervalSec: r.pollIntervalSec, now }),
  }));

  const healthCounts = Object.fromEntries(HEALTHS.map((h) => [h, 0])) as Record<Health, number>;
  for (const row of all) healthCounts[row.health] += 1;
  const needle = params.q?.toLowerCase();
  const filtered = all.filter(
    (row) =>
      (params.status.length === 0 || params.status.includes(row.health)) &&
      (!params.site || row.site === params.site) &&
      (!params.tag || row.tags.includes(params.tag)) &&
      (!params.imbalanced || (row.imbalance.maxDeviation ?? 0) >= SKEWED_AT - 1e-9) &&
      (!params.dual || (row.dualListed ?? 0) > 0) &&
      (!needle || row.name.toLowerCase().includes(needle) || (clientMatch?.has(row.id) ?? false)),
  );
  const rank = new Map(all.map((row, i) => [row, i]));
  filtered.sort(compareRows({ sort: params.sort, dir: params.dir ?? DEFAULT_DIR[params.sort], nameRank: (row) => rank.get(row) ?? 0 }));
  const pageCount = Math.max(1, Math.ceil(filtered.length / params.size));
  const page = Math.min(params.page, pageCount);
  const newest = all.reduce<number | null>(
    (max, r) => (r.lastPollAt && (max === null || r.lastPollAt.getTime() > max) ? r.lastPollAt.getTime() : max),
    null,
  );
  return {
    rows: filtered.slice((page - 1) * params.size, page * params.size),
    matching: filtered.length,
    fleetSize: all.length,
    page,
    pageSize: params.size,
    pageCount,
    healthCounts,
    sites: [...new Set(all.map((r) => r.site).filter((s): s is string => Boolean(s)))].sort(),
    tags: [...new Set(all.flatMap((r) => r.tags))].sort(),
    newestPollAt: dateOrNull(newest),
    readAt: snapshot.readAt,
    refreshSec: all.reduce((min, r) => Math.min(min, r.pollIntervalSec), 3600) || 10,
  };
}

export const FLEET_DEFAULT_DIR = DEFAULT_DIR;
