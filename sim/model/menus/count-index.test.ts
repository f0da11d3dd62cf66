import { describe, expect, it } from "vitest";
import { open, testRouter } from "../../testing/test-router";
import { parseRequest } from "../../protocol/parse-request";
import { runCommand } from "../../protocol/run-command";
import { createRng } from "../../traffic/prng";

const PATH = "/ip/firewall/connection/print";
const MARKS = ["odd", "even", "x", ""];

// The index answers count-only; the same query as a plain print filters formatted rows. They must agree.
function counts(router: ReturnType<typeof testRouter>, queries: string[]): { indexed: string | undefined; filtered: number } {
  const counted = runCommand({ router, request: parseRequest([PATH, "=count-only=", ...queries]) });
  const printed = runCommand({ router, request: parseRequest([PATH, ...queries]) });
  if (counted.kind !== "result" || printed.kind !== "result") throw new Error("unexpected stream");
  return { indexed: counted.ret, filtered: printed.rows.length };
}

const QUERIES = [
  [],
  ["?connection-mark=odd"],
  ["?connection-mark=even"],
  ["?connection-mark=x"],
  ["?connection-mark=nobody"],
  ["?connection-mark="],
  ["?=connection-mark=odd"],
  ["?connection-mark"],
  ["?-connection-mark"],
  // not indexed: these take the generic path and must still be right
  ["?connection-mark=odd", "?protocol=tcp"],
  ["?connection-mark=odd", "?connection-mark=even", "?#|"],
  ["?>orig-bytes=100"],
  ["?protocol=udp"],
];

describe("count-only from conntrack's per-mark index", () => {
  for (const seed of [1, 2, 3]) {
    it(`equals the count of filtered rows for random tables and queries (seed ${seed})`, () => {
      const rng = createRng(seed);
      const router = testRouter();
      const conns = router.dataplane.conns;
      const live: ReturnType<typeof open>[] = [];
      for (let round = 0; round < 6; round++) {
        for (let i = 0; i < 300; i++) live.push(open(router, 0xc0a80002 + rng.int(0, 60)));
        // re-mark, remove and traffic at random, before and after rows have been printed and cached
        for (let i = 0; i < 80; i++) conns.setMark(rng.pick(live), rng.pick(MARKS));
        for (let i = 0; i < 60; i++) {
          const index = rng.int(0, live.length - 1);
          conns.remove(live[index]!);
          live.splice(index, 1);
        }
        for (let i = 0; i < 40; i++) router.dataplane.close(rng.pick(live));
        router.clock.advance(rng.int(0, 15_000)); // closed connections expire
        for (const queries of QUERIES) {
          const { indexed, filtered } = counts(router, queries);
          expect(indexed, queries.join(" ")).toBe(String(filtered));
        }
      }
      expect(conns.size).toBeGreaterThan(0);
    });
  }

  it("answers simple mark queries without formatting a row", () => {
    const router = testRouter();
    for (let i = 0; i < 100; i++) open(router, 0xc0a80002 + (i % 7));
    const menu = router.menu("/ip/firewall/connection")!;
    expect(menu.count!([{ kind: "eq", key: "connection-mark", value: "odd" }])).toBeGreaterThan(0);
    expect(menu.count!([{ kind: "eq", key: "protocol", value: "tcp" }])).toBeUndefined();
    expect(router.dataplane.conns.get(1)?.row).toBeUndefined();
  });

  it("keeps counts after a reboot clears the table", () => {
    const router = testRouter();
    for (let i = 0; i < 50; i++) open(router, 0xc0a80002 + (i % 5));
    router.reboot();
    open(router, 0xc0a80002);
    expect(counts(router, ["?connection-mark=odd"]).indexed).toBe(String(counts(router, ["?connection-mark=odd"]).filtered));
    expect(counts(router, []).indexed).toBe("1");
  });
});
