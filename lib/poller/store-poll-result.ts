import type { Db } from "../db";
import type { Prisma } from "../db/generated/client";
import type { MembershipEvent, MembershipState } from "../metrics";
import type { PollResult } from "./compute-poll-result";

// Writes one poll in one transaction. Samples are keyed by the poll's scheduled time and memberships
// are written only where they changed, so an unchanged fleet writes just its sample rows and a retried
// job (same scheduled time) writes nothing twice.

export type StoreOutcome = { stored: boolean; rows: number };

function eventRow(routerId: number, event: MembershipEvent): Prisma.ClientEventCreateManyInput {
  const base = { routerId, address: event.address, ts: new Date(event.at), kind: event.type };
  switch (event.type) {
    case "joined":
      return { ...base, toList: event.list };
    case "left":
      return { ...base, fromList: event.list };
    case "moved":
      return { ...base, fromList: event.fromList, toList: event.toList };
    case "dual_listed":
    case "dual_cleared":
      return { ...base, toList: event.lists.join(",") };
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
  router: { rosVersion: string; identity: string | null };
}): Promise<StoreOutcome> {
  const { db, routerId, at, result } = options;
  return db.$transaction(async (tx) => {
    // Serialise polls of one router: the poll state row is the lock and the idempotency check.
    const state = await tx.$queryRaw<{ polled_at: Date }[]>`SELECT polled_at FROM router_poll_state WHERE router_id = ${routerId} FOR UPDATE`;
    if (state[0] && state[0].polled_at.getTime() >= at.getTime()) return { stored: false, rows: 0 };

    let rows = 0;
    rows += (await tx.wanSample.createMany({ data: result.wanSamples.map((w) => ({ ...w, routerId, ts: at })), skipDuplicates: true })).count;
    rows += (await tx.routerSample.createMany({ data: [{ ...result.routerSample, routerId, ts: at }], skipDuplicates: true })).count;

    const before = membershipPairs(options.previousMemberships);
    const after = membershipPairs(result.memberships);
    const removed = [...before.keys()].filter((k) => !after.has(k)).map((k) => k.split("\u0000"));
    const added = [...after.entries()].filter(([k]) => !before.has(k));
    if (removed.length > 0) {
      const json = JSON.stringify(removed.map(([address, list]) => ({ address, list })));
      rows += await tx.$executeRaw`DELETE FROM client_memberships m USING jsonb_to_recordset(${json}::jsonb) AS x(address text, list text)
        WHERE m.router_id = ${routerId} AND m.address = x.address AND m.list = x.list`;
    }
    if (added.length > 0) {
      rows += (
        await tx.clientMembership.createMany({
          data: added.map(([k, since]) => {
            const [address, list] = k.split("\u0000") as [string, string];
            return { routerId, address, list, since: new Date(since) };
          }),
          skipDuplicates: true,
        })
      ).count;
    }

    const changed = [...new Set(result.membershipEvents.map((e) => e.address))];
    if (changed.length > 0) {
      const clients = changed.map((address) => {
        const lists = result.memberships.get(address);
        const names = lists ? [...lists.keys()].sort() : [];
        return { address, lists: names, dual: names.length >= 2 };
      });
      const json = JSON.stringify(clients);
      rows += await tx.$executeRaw`
        INSERT INTO clients (router_id, address, lists, first_seen_at, last_change_at, dual_listed_since)
        SELECT ${routerId}, x.address, x.lists, ${at}, ${at}, CASE WHEN x.dual THEN ${at}::timestamp ELSE NULL END
        FROM jsonb_to_recordset(${json}::jsonb) AS x(address text, lists text[], dual boolean)
        ON CONFLICT (router_id, address) DO UPDATE SET
          lists = excluded.lists,
          last_change_at = excluded.last_change_at,
          dual_listed_since = CASE WHEN cardinality(excluded.lists) >= 2 THEN coalesce(clients.dual_listed_since, excluded.dual_listed_since) ELSE NULL END`;
      rows += (await tx.clientEvent.createMany({ data: result.membershipEvents.map((e) => eventRow(routerId, e)), skipDuplicates: true })).count;
    }

    const counters = result.counters as unknown as Prisma.InputJsonValue;
    await tx.routerPollState.upsert({
      where: { routerId },
      create: { routerId, polledAt: at, uptimeSec: result.routerSample.uptimeSec, counters },
      update: { polledAt: at, uptimeSec: result.routerSample.uptimeSec, counters },
    });
    await tx.router.update({ where: { id: routerId }, data: { lastPollAt: at, rosVersion: options.router.rosVersion, identity: options.router.identity } });
    return { stored: true, rows };
  });
}
