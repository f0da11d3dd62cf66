import type { MembershipEvent, MembershipState } from "./memberships";

// Stickiness over time: how often a client changed WAN list in a window, and how long it has stayed.

/** Moves per address with `now − windowMs < at ≤ now`. */
export function flipsInWindow(options: { events: Iterable<MembershipEvent>; now: number; windowMs: number }): Map<string, number> {
  const from = options.now - options.windowMs;
  const flips = new Map<string, number>();
  for (const e of options.events) {
    if (e.type !== "moved" || e.at <= from || e.at > options.now) continue;
    flips.set(e.address, (flips.get(e.address) ?? 0) + 1);
  }
  return flips;
}

export function tenureMs(options: { since: number; now: number }): number {
  return Math.max(0, options.now - options.since);
}

export type TenureStats = { list: string; clients: number; medianMs: number; maxMs: number };

/** Per list: how long its current members have been in it. */
export function tenureStats(options: { state: MembershipState; now: number }): TenureStats[] {
  const byList = new Map<string, number[]>();
  for (const lists of options.state.values()) {
    for (const [list, since] of lists) {
      const values = byList.get(list) ?? [];
      values.push(tenureMs({ since, now: options.now }));
      byList.set(list, values);
    }
  }
  return [...byList.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([list, values]) => {
      values.sort((a, b) => a - b);
      const mid = values.length >> 1;
      const median = values.length % 2 === 1 ? (values[mid] ?? 0) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
      return { list, clients: values.length, medianMs: median, maxMs: values[values.length - 1] ?? 0 };
    });
}
