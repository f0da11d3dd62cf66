import type { Db } from "../db";
import { addressCondition, parseAddressQuery, type AddressQuery } from "./address-query";
import { dateOrNull, epochMs, Prisma } from "../db/sql";

export type ClientSearchRow = {
  routerId: number;
  routerName: string;
  address: string;
  lists: string[];
  since: Date | null;
  dualListedSince: Date | null;
};
export type ClientSearch = {
  query: AddressQuery;
  rows: ClientSearchRow[];
  matching: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

export const SEARCH_PAGE_SIZE = 100;

type Row = { router_id: number; router_name: string; address: string; lists: string[]; since_ms: number | null; dual_ms: number | null };

/** Clients across the fleet whose address is, starts with, or lies in the query (IP, dotted prefix, CIDR). */
export async function searchClients(options: { db: Db; now: Date; q: string; page: number; pageSize?: number }): Promise<ClientSearch> {
  const { db, q } = options;
  const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE;
  const query = parseAddressQuery(q);
  if (query.kind === "none") return { query, rows: [], matching: 0, page: 1, pageSize, pageCount: 1 };
  const condition = addressCondition({ column: Prisma.sql`c.address`, query });
  const counted = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM clients c WHERE ${condition} AND cardinality(c.lists) > 0`;
  const matching = Number(counted[0]?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(matching / pageSize));
  const page = Math.min(options.page, pageCount);
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.router_id, r.name AS router_name, c.address, c.lists, ${epochMs(Prisma.sql`m.since`)} AS since_ms, ${epochMs(Prisma.sql`c.dual_listed_since`)} AS dual_ms
    FROM clients c JOIN routers r ON r.id = c.router_id
    LEFT JOIN LATERAL (SELECT min(since) AS since FROM client_memberships cm WHERE cm.router_id = c.router_id AND cm.address = c.address) m ON true
    WHERE ${condition} AND cardinality(c.lists) > 0
    ORDER BY (CASE WHEN c.address ~ '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$' THEN c.address::inet END) NULLS LAST, c.address, r.name
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  return {
    query,
    rows: rows.map((r) => ({
      routerId: r.router_id,
      routerName: r.router_name,
      address: r.address,
      lists: r.lists,
      since: dateOrNull(r.since_ms),
      dualListedSince: dateOrNull(r.dual_ms),
    })),
    matching,
    page,
    pageSize,
    pageCount,
  };
}
