import type { Db } from "../db";
import { wanListsOf } from "../metrics/wan-lists";

export type ClientHistory = {
  /** `wanLists`: the lists its WANs keep clients on, which an operator can move the client between */
  router: { id: number; name: string; wanLists: string[] };
  address: string;
  current: { lists: string[]; firstSeenAt: Date; lastChangeAt: Date; dualListedSince: Date | null } | null;
  memberships: { list: string; since: Date; dynamic: boolean }[];
  events: { ts: Date; kind: string; fromList: string | null; toList: string | null; reason: string | null }[];
  /** more events exist than were read */
  truncated: boolean;
};

export const HISTORY_EVENT_LIMIT = 500;

/** A client's lists on one router and its event timeline, newest first; null when the router is unknown. */
export async function getClientHistory(options: { db: Db; now: Date; routerId: number; address: string }): Promise<ClientHistory | null> {
  const { db, now, routerId, address } = options;
  const [router, client, memberships, events] = await Promise.all([
    db.router.findUnique({
      where: { id: routerId },
      select: { id: true, name: true, wans: { orderBy: { position: "asc" }, select: { addressList: true } } },
    }),
    db.client.findUnique({ where: { routerId_address: { routerId, address } } }),
    db.clientMembership.findMany({ where: { routerId, address }, orderBy: { since: "asc" } }),
    db.clientEvent.findMany({
      where: { routerId, address, ts: { lte: now } },
      orderBy: [{ ts: "desc" }, { id: "desc" }],
      take: HISTORY_EVENT_LIMIT + 1,
    }),
  ]);
  if (!router) return null;
  return {
    router: { id: router.id, name: router.name, wanLists: wanListsOf(router.wans) },
    address,
    current: client
      ? { lists: client.lists, firstSeenAt: client.firstSeenAt, lastChangeAt: client.lastChangeAt, dualListedSince: client.dualListedSince }
      : null,
    memberships: memberships.map((m) => ({ list: m.list, since: m.since, dynamic: m.dynamic })),
    events: events
      .slice(0, HISTORY_EVENT_LIMIT)
      .map((e) => ({ ts: e.ts, kind: e.kind, fromList: e.fromList, toList: e.toList, reason: e.reason })),
    truncated: events.length > HISTORY_EVENT_LIMIT,
  };
}
