import type { Db } from "../db";
import { addressCondition, parseAddressQuery } from "./address-query";
import { dateOrNull, epochMs, numberOrNull, Prisma, tsParam } from "../db/sql";

export type ClientRow = {
  address: string;
  lists: string[];
  /** when it joined its current list (the earliest, if on several) */
  since: Date | null;
  tenureMs: number | null;
  flips24h: number;
  dualListedSince: Date | null;
};

export type ClientPage = { rows: ClientRow[]; matching: number; page: number; pageSize: number; pageCount: number; lists: string[] };

export const CLIENT_SORTS = ["address", "tenure", "flips", "lists", "dual"] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

export const CLIENT_PAGE_SIZE = 25;
const FLIP_WINDOW_MS = 24 * 3600 * 1000;

// Addresses sort numerically when they are plain IPv4 (list entries can also be ranges or names).
const ADDRESS_ORDER = Prisma.sql`(CASE WHEN c.address ~ '^[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?$' THEN c.address::inet END)`;

function orderBy(sort: ClientSort, dir: "asc" | "desc"): Prisma.Sql {
  const d = Prisma.raw(dir === "asc" ? "ASC" : "DESC");
  switch (sort) {
    case "address":
      return Prisma.sql`${ADDRESS_ORDER} ${d} NULLS LAST, c.address ${d}`;
    case "tenure":
      // longest tenure = earliest since
      return Prisma.sql`since_ms ${Prisma.raw(dir === "asc" ? "DESC" : "ASC")} NULLS LAST, ${ADDRESS_ORDER}`;
    case "flips":
      return Prisma.sql`flips ${d}, ${ADDRESS_ORDER}`;
    case "lists":
      return Prisma.sql`array_to_string(c.lists, ',') ${d}, ${ADDRESS_ORDER}`;
    case "dual":
      return Prisma.sql`c.dual_listed_since ${d} NULLS LAST, ${ADDRESS_ORDER}`;
  }
}

export const CLIENT_DEFAULT_DIR: Record<ClientSort, "asc" | "desc"> = {
  address: "asc",
  tenure: "desc",
  flips: "desc",
  lists: "asc",
  dual: "desc",
};

type Row = { address: string; lists: string[]; since_ms: number | null; flips: bigint | number; dual_ms: number | null };

/** One page of a router's current clients with tenure and flips in the last 24 hours. */
export async function listRouterClients(options: {
  db: Db;
  now: Date;
  routerId: number;
  filter: { q?: string; list?: string; dual?: boolean; sort: ClientSort; dir?: "asc" | "desc"; page: number; pageSize?: number };
}): Promise<ClientPage> {
  const { db, now, routerId, filter } = options;
  const pageSize = filter.pageSize ?? CLIENT_PAGE_SIZE;
  const conditions: Prisma.Sql[] = [Prisma.sql`c.router_id = ${routerId}`, Prisma.sql`cardinality(c.lists) > 0`];
  if (filter.q) conditions.push(addressCondition({ column: Prisma.sql`c.address`, query: parseAddressQuery(filter.q) }));
  if (filter.list) conditions.push(Prisma.sql`${filter.list} = ANY(c.lists)`);
  if (filter.dual) conditions.push(Prisma.sql`c.dual_listed_since IS NOT NULL`);
  const where = Prisma.join(conditions, " AND ");
  const [countRows, listRows] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM clients c WHERE ${where}`,
    db.$queryRaw<{ list: string }[]>`SELECT DISTINCT unnest(lists) AS list FROM clients WHERE router_id = ${routerId} ORDER BY 1`,
  ]);
  const matching = Number(countRows[0]?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(matching / pageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.address, c.lists, ${epochMs(Prisma.sql`m.since`)} AS since_ms, ${epochMs(Prisma.sql`c.dual_listed_since`)} AS dual_ms, coalesce(f.flips, 0) AS flips
    FROM clients c
    LEFT JOIN LATERAL (SELECT min(since) AS since FROM client_memberships cm WHERE cm.router_id = c.router_id AND cm.address = c.address) m ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS flips FROM client_events e
      WHERE e.router_id = c.router_id AND e.address = c.address AND e.kind = 'moved' AND e.ts > ${tsParam(new Date(now.getTime() - FLIP_WINDOW_MS))} AND e.ts <= ${tsParam(now)}
    ) f ON true
    WHERE ${where}
    ORDER BY ${orderBy(filter.sort, filter.dir ?? CLIENT_DEFAULT_DIR[filter.sort])}
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  return {
    rows: rows.map((r) => ({
      address: r.address,
      lists: r.lists,
      since: dateOrNull(r.since_ms),
      tenureMs: r.since_ms === null ? null : Math.max(0, now.getTime() - r.since_ms),
      flips24h: numberOrNull(r.flips) ?? 0,
      dualListedSince: dateOrNull(r.dual_ms),
    })),
    matching,
    page,
    pageSize,
    pageCount,
    lists: listRows.map((r) => r.list),
  };
}
