import type { Db } from "../db";
import { tsParam } from "../db/sql";

export type KeepSuggestion = { list: string; reason: string };

/**
 * Which list a dual-listed client should keep: the lighter WAN (lowest connection share against its
 * expected weight in the latest poll). Per-client traffic is not stored, so it is not used here.
 */
export async function suggestKeepLists({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { routerIds: number[]; now: Date };
}): Promise<Map<number, KeepSuggestion | null>> {
  const out = new Map<number, KeepSuggestion | null>();
  if (input.routerIds.length === 0) return out;
  const wans = await ctx.db.wan.findMany({
    where: { routerId: { in: input.routerIds } },
    select: { id: true, routerId: true, name: true, addressList: true, expectedWeight: true },
  });
  // Not now(): it is timestamptz, and comparing it with a UTC timestamp column shifts by the session's time zone.
  const latest = await ctx.db.$queryRaw<Array<{ wan_id: number; connections: number }>>`
    SELECT DISTINCT ON (wan_id) wan_id, connections FROM wan_samples
    WHERE router_id = ANY(${input.routerIds}::int[]) AND ts > ${tsParam(new Date(input.now.getTime() - 3_600_000))} ORDER BY wan_id, ts DESC`;
  const conns = new Map(latest.map((r) => [r.wan_id, Number(r.connections)]));
  for (const routerId of input.routerIds) {
    const mine = wans.filter((w) => w.routerId === routerId && w.addressList);
    const total = mine.reduce((s, w) => s + (conns.get(w.id) ?? 0), 0);
    const weights = mine.reduce((s, w) => s + w.expectedWeight, 0) || 1;
    const ranked = mine
      .map((w) => ({ w, load: total > 0 ? (conns.get(w.id) ?? 0) / total / (w.expectedWeight / weights) : 0 }))
      .sort((a, b) => a.load - b.load || a.w.name.localeCompare(b.w.name));
    const best = ranked[0];
    out.set(
      routerId,
      best
        ? {
            list: best.w.addressList!,
            reason: total > 0 ? `lighter WAN (${Math.round(best.load * 100)}% of its expected load)` : "no recent load figures: first WAN",
          }
        : null,
    );
  }
  return out;
}
