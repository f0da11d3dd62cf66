import type { Db } from "../db";
import { addressCondition, parseAddressQuery } from "./address-query";
import { Prisma } from "../db/sql";

export type DualListedRow = {
  routerId: number;
  routerName: string;
  site: string | null;
  address: string;
  lists: string[];
  since: Date;
  durationMs: number;
};
export type DualListedPage = {
  rows: DualListedRow[];
  matching: number;
  page: number;
  pageSize: number;
  pageCount: number;
  routers: number;
};

export const DUAL_PAGE_SIZE = 100;

/** Clients on more than one WAN list anywhere in the fleet, longest-standing first. */
export async function listDualListedClients(options: {
  db: Db;
  now: Date;
  q?: string;
  page: number;
  pageSize?: number;
}): Promise<DualListedPage> {
  const { db, now, q } = options;
  const pageSize = options.pageSize ?? DUAL_PAGE_SIZE;
  const query = q ? parseAddressQuery(q) : null;
  // A search that is not an address looks for router names instead.
  const where: Prisma.ClientWhereInput = { dualListedSince: { not: null } };
  let addresses: string[] | null = null;
  if (query && query.kind !== "none") {
    const rows = await db.$queryRaw<{ address: string }[]>`
      SELECT DISTINCT address FROM clients WHERE dual_listed_since IS NOT NULL AND ${addressCondition({ column: Prisma.sql`address`, query })}`;
    addresses = rows.map((r) => r.address);
  }
  const routerIds =
    query?.kind === "none"
      ? (await db.router.findMany({ where: { name: { contains: query.text, mode: "insensitive" } }, select: { id: true } })).map(
          (r) => r.id,
        )
      : null;
  if (addresses) where.address = { in: addresses };
  if (routerIds) where.routerId = { in: routerIds };
  const [matching, distinctRouters] = await Promise.all([db.client.count({ where }), db.client.groupBy({ by: ["routerId"], where })]);
  const pageCount = Math.max(1, Math.ceil(matching / pageSize));
  const page = Math.min(options.page, pageCount);
  const clients = await db.client.findMany({
    where,
    orderBy: [{ dualListedSince: "asc" }, { routerId: "asc" }, { address: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  const routers = await db.router.findMany({
    where: { id: { in: [...new Set(clients.map((c) => c.routerId))] } },
    select: { id: true, name: true, site: true },
  });
  const byId = new Map(routers.map((r) => [r.id, r]));
  return {
    rows: clients.map((c) => {
      const since = c.dualListedSince ?? now;
      return {
        routerId: c.routerId,
        routerName: byId.get(c.routerId)?.name ?? `#${c.routerId}`,
        site: byId.get(c.routerId)?.site ?? null,
        address: c.address,
        lists: c.lists,
        since,
        durationMs: Math.max(0, now.getTime() - since.getTime()),
      };
    }),
    matching,
    page,
    pageSize,
    pageCount,
    routers: distinctRouters.length,
  };
}
