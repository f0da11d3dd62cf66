import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Fleet } from "../../../sim/fleet";

// What the seed's own remedy (src-address-list=!other on each classifier) does and does not prevent,
// measured on the simulator: the same clients (browser-like bursts) behind the seed, the seed with the
// remedy, and the seed converted to PCC on src-address, each with a 40 ms list-visibility delay, for 30
// simulated minutes. The audit's dual-listing finding cites this test.
const exportOf = (path: string) => readFileSync(path, "utf8");
const VARIANTS = {
  seed: exportOf("sim/exports/seed-nth.rsc"),
  remedy: exportOf("sim/exports/seed-nth-fixed.rsc"),
  pcc: exportOf("test/fixtures/exports/seed-pcc.rsc"),
};

let fleet: Fleet;
const dualListed: Record<string, Set<string>> = { seed: new Set(), remedy: new Set(), pcc: new Set() };

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 40,
    routers: Object.entries(VARIANTS).map(([name, script]) => ({
      name,
      version: "6.49",
      script,
      clients: 150,
      mix: { browser: 1 },
      listVisibilityDelayMs: 40,
    })),
    serve: false,
  });
  // Every 10 s, note who is on two lists (a dual-listed client stays so until an entry expires, 1 day here).
  for (let s = 0; s < 30 * 60; s += 10) {
    fleet.advance(10_000);
    for (const name of Object.keys(VARIANTS)) for (const m of fleet.truth(name).multiListed) dualListed[name]!.add(m.address);
  }
}, 120_000);

afterAll(async () => {
  await fleet?.close();
});

it("the seed dual-lists dozens of clients in 30 minutes", () => {
  expect(dualListed.seed!.size).toBeGreaterThanOrEqual(24);
});

it("the !other remedy leaves the race: clients are still dual-listed", () => {
  expect(dualListed.remedy!.size).toBeGreaterThan(0);
});

it("PCC on src-address dual-lists no client", () => {
  expect(dualListed.pcc!.size).toBe(0);
});
