import type { Db } from "../db";
import { tsParam } from "../db/sql";
import type { MembershipEntry, MembershipEvent, MembershipState } from "../metrics";
import type { PollResult } from "./compute-poll-result";

// Writes one poll in one statement. Samples are keyed by the poll's scheduled time and memberships
// are written only where they changed, so an unchanged fleet writes just its sample rows and a retried
// job (same scheduled time) writes nothing twice.

export type StoreOutcome = { stored: boolean; rows: number };

type EventRow = {
  address: string;
  ts: string;
  kind: MembershipEvent["type"];
  from_list: string | null;
  to_list: string | null;
  reason: string | null;
};

function eventRow(event: MembershipEvent): EventRow {
  const base = { address: event.address, ts: new Date(event.at).toISOString(), kind: event.type, reason: null };
  switch (event.type) {
    case "joined":
      return { ...base, from_list: null, to_list: event.list };
    case "left":
      return { ...base, from_list: event.list, to_list: null, reason: event.reason ?? null };
    case "moved":
      return { ...base, from_list: event.fromList, to_list: event.toList };
    case "dual_listed":
    case "dual_cleared":
      return { ...base, from_list: null, to_list: event.lists.join(",") };
  }
}

function membershipPairs(state: MembershipState): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const [address, lists] of state) for (const [list, since] of lists) pairs.set(`${address}\u0000${list}`, since);
  return pairs;
}

export async function storePollResult(options: {
  db: Db;
  routerId: number;
  at: Date;
  result: PollResult;
  previousMemberships: MembershipState;
  /** What the stored rows say of each membership's entry (static or dynamic, .id), by membershipKey. */
  previousEntries: ReadonlyMap<string, MembershipEntry | { dynamic: boolean; entryId: string | null }>;
  router: { rosVersion: string; identity: string | null };
}): Promise<StoreOutcome> {
  const { db, routerId, at, result } = options;
  const sample = result.routerSample;
  const before = membershipPairs(options.previousMemberships);
  const after = membershipPairs(result.memberships);
  const removed = [...before.keys()]
    .filter((k) => !after.has(k))
    .map((k) => {
      const [address, list] = k.split("\u0000") as [string, string];
      return { address, list };
    });
  const added = [...after.entries()]
    .filter(([k]) => !before.has(k))
    .map(([k, since]) => {
      const [address, list] = k.split("\u0000") as [string, string];
      const entry = result.entries.get(k);
      return { address, list, since: new Date(since).toISOString(), dynamic: entry?.dynamic ?? true, entry_id: entry?.entryId ?? null };
    });
  // A client pinned in place keeps its membership but its entry turns static (and gets a new .id).
  const entryChanged = [...after.keys()].flatMap((k) => {
    const entry = result.entries.get(k);
    const stored = options.previousEntries.get(k);
    if (!before.has(k) || !entry || (stored && stored.dynamic === entry.dynamic && stored.entryId === entry.entryId)) return [];
    const [address, list] = k.split("\u0000") as [string, string];
    return [{ address, list, dynamic: entry.dynamic, entry_id: entry.entryId }];
  });
  const changed = [...new Set(result.membershipEvents.map((e) => e.address))].map((address) => {
    const lists = result.memberships.get(address);
    const names = lists ? [...lists.keys()].sort() : [];
    return { address, lists: names, dual: names.length >= 2 };
  });

  // One statement, so one round trip and atomic without BEGIN/COMMIT. The poll state row is the guard:
  // it moves forward only to a later scheduled time, and every other write happens only if it did. A
  // second poll of the same router waits on that row's lock and then writes nothing (a retried job
  // stores nothing twice). Each sub-statement touches different rows, as data-modifying CTEs require.
  // routers.updated_at is @updatedAt, which Prisma sets and raw SQL must set itself.
  // Timestamps go in as ISO text cast to timestamp (lib/db/sql.ts), never as bound Dates.
  const ts = tsParam(at);
  const updatedAt = tsParam(new Date());
  const [outcome] = await db.$queryRaw<{ stored: boolean; rows: number }[]>`
    WITH guard AS (
      INSERT INTO router_poll_state (router_id, polled_at, uptime_sec, counters)
      VALUES (${routerId}, ${ts}, ${sample.uptimeSec}, ${JSON.stringify(result.counters)}::jsonb)
      ON CONFLICT (router_id) DO UPDATE SET polled_at = excluded.polled_at, uptime_sec = excluded.uptime_sec, counters = excluded.counters
        WHERE router_poll_state.polled_at < excluded.polled_at
      RETURNING 1
    ), w AS (
      INSERT INTO wan_samples (wan_id, router_id, ts, rx_bps, tx_bps, connections, new_connections, route_active, running)
      SELECT x."wanId", ${routerId}, ${ts}, x."rxBps", x."txBps", x.connections, x."newConnections", x."routeActive", x.running
      FROM jsonb_to_recordset(${JSON.stringify(result.wanSamples)}::jsonb) AS x("wanId" int, "rxBps" float8, "txBps" float8, connections int, "newConnections" int, "routeActive" boolean, running boolean)
      WHERE EXISTS (SELECT 1 FROM guard)
      ON CONFLICT DO NOTHING RETURNING 1
    ), r AS (
      INSERT INTO router_samples (router_id, ts, cpu_load, uptime_sec, connections_total, connections_unmarked, new_connections_total, new_connections_unmarked, clients, dual_listed, list_counts, poll_ms, rebooted)
      SELECT ${routerId}, ${ts}, ${sample.cpuLoad}, ${sample.uptimeSec}, ${sample.connectionsTotal}, ${sample.connectionsUnmarked}, ${sample.newConnectionsTotal}, ${sample.newConnectionsUnmarked},
             ${sample.clients}, ${sample.dualListed}, ${JSON.stringify(sample.listCounts)}::jsonb, ${sample.pollMs}, ${sample.rebooted}
      WHERE EXISTS (SELECT 1 FROM guard)
      ON CONFLICT DO NOTHING RETURNING 1
    ), md AS (
      DELETE FROM client_memberships m USING jsonb_to_recordset(${JSON.stringify(removed)}::jsonb) AS x(address text, list text)
      WHERE EXISTS (SELECT 1 FROM guard) AND m.router_id = ${routerId} AND m.address = x.address AND m.list = x.list
      RETURNING 1
    ), mi AS (
      INSERT INTO client_memberships (router_id, address, list, since, dynamic, entry_id)
      SELECT ${routerId}, x.address, x.list, x.since::timestamp, x.dynamic, x.entry_id
      FROM jsonb_to_recordset(${JSON.stringify(added)}::jsonb) AS x(address text, list text, since text, dynamic boolean, entry_id text)
      WHERE EXISTS (SELECT 1 FROM guard)
      ON CONFLICT DO NOTHING RETURNING 1
    ), mu AS (
      UPDATE client_memberships m SET dynamic = x.dynamic, entry_id = x.entry_id
      FROM jsonb_to_recordset(${JSON.stringify(entryChanged)}::jsonb) AS x(address text, list text, dynamic boolean, entry_id text)
      WHERE EXISTS (SELECT 1 FROM guard) AND m.router_id = ${routerId} AND m.address = x.address AND m.list = x.list
      RETURNING 1
    ), c AS (
      INSERT INTO clients (router_id, address, lists, first_seen_at, last_change_at, dual_listed_since)
      SELECT ${routerId}, x.address, x.lists, ${ts}, ${ts}, CASE WHEN x.dual THEN ${ts} ELSE NULL END
      FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS x(address text, lists text[], dual boolean)
      WHERE EXISTS (SELECT 1 FROM guard)
      ON CONFLICT (router_id, address) DO UPDATE SET
        lists = excluded.lists,
        last_change_at = excluded.last_change_at,
        dual_listed_since = CASE WHEN cardinality(excluded.lists) >= 2 THEN coalesce(clients.dual_listed_since, excluded.dual_listed_since) ELSE NULL END
      RETURNING 1
    ), e AS (
      INSERT INTO client_events (router_id, address, ts, kind, from_list, to_list, reason)
      SELECT ${routerId}, x.address, x.ts::timestamp, x.kind::"ClientEventKind", x.from_list, x.to_list, x.reason
      FROM jsonb_to_recordset(${JSON.stringify(result.membershipEvents.map(eventRow))}::jsonb) AS x(address text, ts text, kind text, from_list text, to_list text, reason text)
      WHERE EXISTS (SELECT 1 FROM guard)
      ON CONFLICT DO NOTHING RETURNING 1
    ), u AS (
      -- Not read below: a data-modifying CTE runs to completion whether or not anything reads it.
      UPDATE routers SET last_poll_at = ${ts}, last_attempt_at = ${ts}, ros_version = ${options.router.rosVersion}, identity = ${options.router.identity}, updated_at = ${updatedAt}
      WHERE id = ${routerId} AND EXISTS (SELECT 1 FROM guard)
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM guard) AS stored,
      ((SELECT count(*) FROM w) + (SELECT count(*) FROM r) + (SELECT count(*) FROM md) + (SELECT count(*) FROM mi) + (SELECT count(*) FROM mu)
        + (SELECT count(*) FROM c) + (SELECT count(*) FROM e))::int AS rows`;
  return { stored: outcome?.stored ?? false, rows: outcome?.stored ? outcome.rows : 0 };
}
