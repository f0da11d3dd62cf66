import { describe, expect, it } from "vitest";
import { Fleet } from "../fleet";

async function run({ delayMs, seed }: { delayMs: number; seed: number }) {
  const fleet = await Fleet.start({
    seed,
    routers: [{ name: "gw", version: "6.49", clients: 120, mix: { browser: 1 }, listVisibilityDelayMs: delayMs }],
    serve: false,
    epochMs: 0,
  });
  fleet.advance(20 * 60_000);
  const truth = fleet.truth("gw");
  await fleet.close();
  return truth;
}

describe("simulated clients", () => {
  it("are reproducible from the seed", async () => {
    const a = await run({ delayMs: 30, seed: 7 });
    const b = await run({ delayMs: 30, seed: 7 });
    expect(a).toEqual(b);
    expect(a.newConnections.total).toBeGreaterThan(1000);
  });

  it("dual-list clients through browser bursts only when list updates take time to show", async () => {
    expect((await run({ delayMs: 0, seed: 3 })).multiListed).toEqual([]);
    expect((await run({ delayMs: 30, seed: 3 })).multiListed.length).toBeGreaterThan(0);
  });

  it("let a one-day list timeout pass within minutes at a large time scale", async () => {
    const fleet = await Fleet.start({
      seed: 1,
      timeScale: 1000,
      routers: [{ name: "gw", version: "6.49", clients: 50, mix: { browser: 1 }, listVisibilityDelayMs: 0 }],
      serve: false,
    });
    fleet.advance(6 * 3_600_000); // six hours of router time are 21.6 s of wall-clock-paced traffic
    const listed = Object.values(fleet.truth("gw").lists).flat().length;
    fleet.advance(25 * 3_600_000);
    const router = fleet.get("gw").router;
    const stale = [...router.dataplane.lists.entries()].filter((e) => e.createdAt < 6 * 3_600_000);
    expect(listed).toBeGreaterThan(0);
    expect(stale).toEqual([]);
    await fleet.close();
  });
});
