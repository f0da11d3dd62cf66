import { describe, expect, it } from "vitest";
import {
  clientsPerList,
  diffMemberships,
  dualListedAddresses,
  listReadFromEntries,
  membershipEntries,
  membershipKey,
  membershipStateFromRows,
  type ListRead,
  type MembershipState,
} from "./memberships";

// The state as rows, to compare states in order.
const membershipRows = (state: MembershipState) =>
  [...state].flatMap(([address, lists]) => [...lists].map(([list, since]) => ({ address, list, since })));

const T0 = 1_000_000;
const NOW = 2_000_000;
const state = (rows: [string, string, number][]): MembershipState =>
  membershipStateFromRows(rows.map(([address, list, since]) => ({ address, list, since })));
const read = (lists: Record<string, string[]>): ListRead => new Map(Object.entries(lists).map(([l, a]) => [l, new Set(a)]));

describe("diffMemberships", () => {
  it.each([
    ["new client joins", [], { odd: ["a"], even: [] }, [{ type: "joined", address: "a", list: "odd", at: NOW }]],
    ["client left", [["a", "odd", T0]], { odd: [], even: [] }, [{ type: "left", address: "a", list: "odd", at: NOW, tenureMs: NOW - T0 }]],
    [
      "moved in one poll",
      [["a", "odd", T0]],
      { odd: [], even: ["a"] },
      [{ type: "moved", address: "a", fromList: "odd", toList: "even", at: NOW, tenureMs: NOW - T0 }],
    ],
    [
      "became dual-listed",
      [["a", "odd", T0]],
      { odd: ["a"], even: ["a"] },
      [
        { type: "joined", address: "a", list: "even", at: NOW },
        { type: "dual_listed", address: "a", lists: ["even", "odd"], at: NOW },
      ],
    ],
    [
      "stopped being dual-listed",
      [
        ["a", "odd", T0],
        ["a", "even", T0],
      ],
      { odd: ["a"], even: [] },
      [
        { type: "left", address: "a", list: "even", at: NOW, tenureMs: NOW - T0 },
        { type: "dual_cleared", address: "a", lists: ["odd"], at: NOW },
      ],
    ],
    ["a list not read this poll keeps its members", [["a", "odd", T0]], { even: [] }, []],
    [
      "unchanged",
      [
        ["a", "odd", T0],
        ["b", "even", T0],
      ],
      { odd: ["a"], even: ["b"] },
      [],
    ],
  ] as [string, [string, string, number][], Record<string, string[]>, unknown[]][])("%s", (_name, prev, lists, events) => {
    expect(diffMemberships({ prev: state(prev), read: read(lists), now: NOW }).events).toEqual(events);
  });

  it("ends memberships of a list that is no longer a WAN list, saying why, and never calls it a move", () => {
    // The WAN's list was renamed odd → odd2: the old list is not read any more.
    const renamed = diffMemberships({
      prev: state([
        ["a", "odd", T0],
        ["b", "even", T0],
      ]),
      read: read({ odd2: ["a"], even: ["b"] }),
      now: NOW,
      wanLists: new Set(["odd2", "even"]),
    });
    expect(renamed.events).toEqual([
      { type: "left", address: "a", list: "odd", at: NOW, tenureMs: NOW - T0, reason: "list_removed" },
      { type: "joined", address: "a", list: "odd2", at: NOW },
    ]);
    expect(membershipRows(renamed.state)).toEqual([
      { address: "a", list: "odd2", since: NOW },
      { address: "b", list: "even", since: T0 },
    ]);
    // A WAN dropped by discovery: a client dual-listed through its list is dual-listed no more.
    const dropped = diffMemberships({
      prev: state([
        ["c", "odd", T0],
        ["c", "even", T0],
      ]),
      read: read({ even: ["c"] }),
      now: NOW,
      wanLists: new Set(["even"]),
    });
    expect(dropped.events).toEqual([
      { type: "left", address: "c", list: "odd", at: NOW, tenureMs: NOW - T0, reason: "list_removed" },
      { type: "dual_cleared", address: "c", lists: ["even"], at: NOW },
    ]);
    // A WAN list whose read failed still keeps its members.
    expect(diffMemberships({ prev: state([["d", "odd", T0]]), read: read({}), now: NOW, wanLists: new Set(["odd"]) }).events).toEqual([]);
  });

  it("records which entry backs each membership; a static entry beside a dynamic one is the pin", () => {
    const entries = membershipEntries([
      {
        list: "odd",
        entries: [
          { id: "*1", address: "a", disabled: false, dynamic: true },
          { id: "*2", address: "a", disabled: false, dynamic: false },
          { id: "*3", address: "b", disabled: false, dynamic: true },
          { id: "*4", address: "c", disabled: true, dynamic: false },
        ],
      },
    ]);
    expect(entries).toEqual(
      new Map([
        [membershipKey("a", "odd"), { dynamic: false, entryId: "*2" }],
        [membershipKey("b", "odd"), { dynamic: true, entryId: "*3" }],
      ]),
    );
  });

  it("keeps `since` for lists a client stays in and starts it now for new ones", () => {
    const { state: next } = diffMemberships({ prev: state([["a", "odd", T0]]), read: read({ odd: ["a"], even: ["a"] }), now: NOW });
    expect(membershipRows(next)).toEqual([
      { address: "a", list: "odd", since: T0 },
      { address: "a", list: "even", since: NOW },
    ]);
    expect(dualListedAddresses(next)).toEqual(["a"]);
  });

  it("5,000 unchanged clients produce zero events and the same state", () => {
    const rows: [string, string, number][] = [];
    const lists: Record<string, string[]> = { odd: [], even: [] };
    for (let i = 0; i < 5_000; i++) {
      const address = `10.0.${i >> 8}.${i & 255}`;
      const list = i % 2 === 0 ? "odd" : "even";
      rows.push([address, list, T0 + i]);
      lists[list]?.push(address);
    }
    const prev = state(rows);
    const { events, state: next } = diffMemberships({ prev, read: read(lists), now: NOW });
    expect(events).toEqual([]);
    expect(next.size).toBe(5_000);
    expect(membershipRows(next)).toEqual(membershipRows(prev));
    expect(clientsPerList(next)).toEqual(
      new Map([
        ["odd", 2_500],
        ["even", 2_500],
      ]),
    );
  });

  it("disabled entries are not members", () => {
    const r = listReadFromEntries([
      {
        list: "odd",
        entries: [
          { address: "a", disabled: false },
          { address: "b", disabled: true },
        ],
      },
    ]);
    expect([...(r.get("odd") ?? [])]).toEqual(["a"]);
  });
});
