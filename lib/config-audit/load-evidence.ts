import type { Db } from "../db";
import { Prisma, tsParam } from "../db/sql";
import type { AuditEvidence, MeasuredSplit } from "./evidence";

// The measurements a router's findings quote, from what the poller stored: the split of new connections
// the classifier counters measured, dual-listed clients (now and those that became so in the last day),
// pinned clients on two lists, each WAN's live connections and the expected weights set in WANscope.

export const SPLIT_WINDOW_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** New connections per WAN and unmarked, summed over the polls stored in (from, to]. */
export async function measuredSplit(options: { db: Db; routerId: number; from: Date; to: Date }): Promise<MeasuredSplit | null> {
  const { db, routerId, from, to } = options;
  const [totals] = await db.$queryRaw<{ total: bigint | null; unmarked: bigint | null; polls: bigint }[]>`
    SELECT sum(new_connections_total) AS total, sum(new_connections_unmarked) AS unmarked, count(*) AS polls
    FROM router_samples
    WHERE router_id = ${routerId} AND ts > ${tsParam(from)} AND ts <= ${tsParam(to)} AND new_connections_total IS NOT NULL`;
  if (!totals || Number(totals.polls) === 0) return null;
  const perWan = await db.$queryRaw<{ name: string; count: bigint | null }[]>`
    SELECT w.name, sum(s.new_connections) AS count
    FROM wan_samples s JOIN wans w ON w.id = s.wan_id
    WHERE s.router_id = ${routerId} AND s.ts > ${tsParam(from)} AND s.ts <= ${tsParam(to)} AND s.new_connections IS NOT NULL
    GROUP BY w.name, w.position ORDER BY w.position, w.name`;
  return {
    from,
    to,
    total: Number(totals.total ?? 0),
    unmarked: Number(totals.unmarked ?? 0),
    polls: Number(totals.polls),
    perWan: perWan.map((r) => ({ wan: r.name, count: Number(r.count ?? 0) })),
  };
}

/** Distinct clients that became dual-listed after `since` (a poll saw them join a second list). */
export async function dualListedSince(options: {
  db: Db;
  routerId: number;
  since: Date;
  addresses?: readonly string[];
}): Promise<string[]> {
  const only = options.addresses ? Prisma.sql`AND address = ANY(${[...options.addresses]}::text[])` : Prisma.empty;
  const rows = await options.db.$queryRaw<{ address: string }[]>`
    SELECT DISTINCT address FROM client_events
    WHERE router_id = ${options.routerId} AND kind = 'dual_listed' AND ts > ${tsParam(options.since)} ${only}
    ORDER BY address`;
  return rows.map((r) => r.address);
}

export async function loadAuditEvidence(options: {
  db: Db;
  routerId: number;
  now: Date;
  pinned: readonly string[];
}): Promise<AuditEvidence> {
  const { db, routerId, now } = options;
  const router = await db.router.findUnique({
    where: { id: routerId },
    select: { pollIntervalSec: true, wans: { orderBy: [{ position: "asc" }, { id: "asc" }] } },
  });
  const latest = await db.$queryRaw<{ wan_id: number; connections: number }[]>`
    SELECT DISTINCT ON (wan_id) wan_id, connections FROM wan_samples
    WHERE router_id = ${routerId} AND ts > ${tsParam(new Date(now.getTime() - DAY_MS))} ORDER BY wan_id, ts DESC`;
  const connections = new Map(latest.map((r) => [r.wan_id, Number(r.connections)]));
  const [sample] = await db.$queryRaw<{ list_counts: Record<string, number> }[]>`
    SELECT list_counts FROM router_samples WHERE router_id = ${routerId} ORDER BY ts DESC LIMIT 1`;
  const dualNow = await db.client.findMany({
    where: { routerId, dualListedSince: { not: null } },
    select: { address: true },
    orderBy: { dualListedSince: "asc" },
  });
  const polled = sample !== undefined;
  const last24h = polled ? await dualListedSince({ db, routerId, since: new Date(now.getTime() - DAY_MS) }) : [];
  const pinned = new Set(options.pinned);
  return {
    now,
    pollIntervalSec: router?.pollIntervalSec ?? 10,
    split: await measuredSplit({ db, routerId, from: new Date(now.getTime() - SPLIT_WINDOW_MS), to: now }),
    dualListed: polled ? { now: dualNow.length, last24h: last24h.length, examples: dualNow.slice(0, 5).map((c) => c.address) } : null,
    pinnedDualListed: dualNow.map((c) => c.address).filter((a) => pinned.has(a)),
    wans: (router?.wans ?? []).map((w) => ({
      name: w.name,
      expectedWeight: w.expectedWeight,
      corrected: !w.discovered,
      gateway: w.gateway,
      connections: connections.get(w.id) ?? null,
    })),
    listSizes: sample?.list_counts ?? {},
  };
}
