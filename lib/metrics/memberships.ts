// Client list memberships: previous state + this poll's list reads → change events + new state.
// Only changes produce events (5,000 unchanged clients → none). Lists that were not read this poll
// (a failed read) keep their members: a failed read must not look like everyone leaving. Lists that
// are no longer one of the router's WAN lists (renamed, WAN dropped) end, with that as the reason.

/** address → list → since (ms). */
export type MembershipState = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** list → addresses currently in it, for the lists read successfully this poll. */
export type ListRead = ReadonlyMap<string, ReadonlySet<string>>;

export type MembershipEvent =
  | { type: "joined"; address: string; list: string; at: number }
  | { type: "left"; address: string; list: string; at: number; tenureMs: number; reason?: MembershipEndReason }
  | { type: "moved"; address: string; fromList: string; toList: string; at: number; tenureMs: number }
  | { type: "dual_listed"; address: string; lists: string[]; at: number }
  | { type: "dual_cleared"; address: string; lists: string[]; at: number };

/** Why a membership ended other than the router dropping the entry: the list stopped being a WAN list. */
export type MembershipEndReason = "list_removed";

export type MembershipDiff = { events: MembershipEvent[]; state: MembershipState };

const EMPTY: ReadonlyMap<string, number> = new Map();

function nextLists(options: {
  address: string;
  prev: ReadonlyMap<string, number>;
  read: ListRead;
  now: number;
  isWanList: (list: string) => boolean;
}): Map<string, number> {
  const next = new Map<string, number>();
  for (const [list, since] of options.prev) {
    const members = options.read.get(list);
    if (options.isWanList(list) && (!members || members.has(options.address))) next.set(list, since);
  }
  for (const [list, members] of options.read) {
    if (members.has(options.address) && !next.has(list) && options.isWanList(list)) next.set(list, options.now);
  }
  return next;
}

function sameKeys(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

function changeEvents(options: {
  address: string;
  prev: ReadonlyMap<string, number>;
  next: ReadonlyMap<string, number>;
  now: number;
  isWanList: (list: string) => boolean;
}): MembershipEvent[] {
  const { address, prev, next, now: at } = options;
  const gone = [...prev.keys()].filter((l) => !next.has(l)).sort();
  const removed = gone.filter((l) => !options.isWanList(l));
  const left = gone.filter((l) => options.isWanList(l));
  const joined = [...next.keys()].filter((l) => !prev.has(l)).sort();
  // A list that stopped being a WAN list is not half of a move: the client did not change WAN.
  const events: MembershipEvent[] = removed.map((list) => ({
    type: "left",
    address,
    list,
    at,
    tenureMs: at - (prev.get(list) ?? at),
    reason: "list_removed",
  }));
  const pairs = Math.min(left.length, joined.length);
  // Left one list and joined another within one poll: that is a move, reported once.
  for (let i = 0; i < pairs; i++) {
    const fromList = left[i] as string;
    events.push({ type: "moved", address, fromList, toList: joined[i] as string, at, tenureMs: at - (prev.get(fromList) ?? at) });
  }
  for (const list of left.slice(pairs)) events.push({ type: "left", address, list, at, tenureMs: at - (prev.get(list) ?? at) });
  for (const list of joined.slice(pairs)) events.push({ type: "joined", address, list, at });
  if (prev.size < 2 && next.size >= 2) events.push({ type: "dual_listed", address, lists: [...next.keys()].sort(), at });
  if (prev.size >= 2 && next.size < 2) events.push({ type: "dual_cleared", address, lists: [...next.keys()].sort(), at });
  return events;
}

export function diffMemberships(options: {
  prev: MembershipState;
  read: ListRead;
  now: number;
  /** The router's WAN lists now; memberships of any other list end. Omitted: every list is kept. */
  wanLists?: ReadonlySet<string>;
}): MembershipDiff {
  const { prev, read, now, wanLists } = options;
  const isWanList = (list: string) => wanLists === undefined || wanLists.has(list);
  const state = new Map<string, ReadonlyMap<string, number>>();
  const events: MembershipEvent[] = [];
  const visit = (address: string): void => {
    const before = prev.get(address) ?? EMPTY;
    const after = nextLists({ address, prev: before, read, now, isWanList });
    if (sameKeys(before, after)) {
      if (before.size > 0) state.set(address, before);
      return;
    }
    events.push(...changeEvents({ address, prev: before, next: after, now, isWanList }));
    if (after.size > 0) state.set(address, after);
  };
  for (const address of prev.keys()) visit(address);
  for (const members of read.values()) for (const address of members) if (!prev.has(address) && !state.has(address)) visit(address);
  return { events, state };
}

export type MembershipRow = { address: string; list: string; since: number };

export function membershipStateFromRows(rows: Iterable<MembershipRow>): MembershipState {
  const state = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const lists = state.get(row.address) ?? new Map<string, number>();
    lists.set(row.list, row.since);
    state.set(row.address, lists);
  }
  return state;
}

/** What the router says of one membership's entry: static (pinned, or from its configuration) or dynamic, and its `.id`. */
export type MembershipEntry = { dynamic: boolean; entryId: string };

export const membershipKey = (address: string, list: string): string => `${address}\u0000${list}`;

/**
 * The entry behind each membership of the lists read, keyed by membershipKey. A client with a static
 * and a dynamic entry on one list is pinned there: the static one is the entry that lasts.
 */
export function membershipEntries(
  lists: Iterable<{ list: string; entries: Iterable<{ id: string; address: string; disabled: boolean; dynamic: boolean }> }>,
): Map<string, MembershipEntry> {
  const out = new Map<string, MembershipEntry>();
  for (const { list, entries } of lists)
    for (const entry of entries) {
      if (entry.disabled) continue;
      const key = membershipKey(entry.address, list);
      const seen = out.get(key);
      if (!seen || (seen.dynamic && !entry.dynamic)) out.set(key, { dynamic: entry.dynamic, entryId: entry.id });
    }
  return out;
}

/** Entries as read from the router → a ListRead; disabled entries match nothing, so they are not members. */
export function listReadFromEntries(
  lists: Iterable<{ list: string; entries: Iterable<{ address: string; disabled: boolean }> }>,
): ListRead {
  const read = new Map<string, Set<string>>();
  for (const { list, entries } of lists) {
    const members = read.get(list) ?? new Set<string>();
    for (const entry of entries) if (!entry.disabled) members.add(entry.address);
    read.set(list, members);
  }
  return read;
}

export function dualListedAddresses(state: MembershipState): string[] {
  const out: string[] = [];
  for (const [address, lists] of state) if (lists.size >= 2) out.push(address);
  return out;
}

export function clientsPerList(state: MembershipState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const lists of state.values()) for (const list of lists.keys()) counts.set(list, (counts.get(list) ?? 0) + 1);
  return counts;
}
