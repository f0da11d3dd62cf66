import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../../lib/db";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { addSimRouter, makePoller } from "../../support/poller-harness";

const services = integrationServices();
const prefix = `gt-${services.queuePrefix}`;
const pcc = readFileSync("sim/exports/pcc-3wan.rsc", "utf8");

// What WANscope stores must equal the simulator's ground truth. The fleet's clock only moves when
// the test advances it, so a poll and the truth read afterwards describe the same instant.
let fleet: Fleet;
const ids: Record<string, number> = {};
const poller = makePoller(getDb());
let t = Date.UTC(2026, 10, 29, 12, 0, 0);
const nextAt = (ms = 10_000) => new Date((t += ms));

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 11,
    routers: [
      { name: "v6", version: "6.49", clients: 150, mix: { browser: 1 }, listVisibilityDelayMs: 40 },
      { name: "v7", version: "7.19", clients: 120, listVisibilityDelayMs: 40 },
      { name: "pcc", version: "6.49", clients: 150, script: pcc, listVisibilityDelayMs: 0 },
    ],
    serve: { basePort: 0 },
  });
  fleet.advance(5 * 60_000);
  for (const name of ["v6", "v7", "pcc"]) ids[name] = await addSimRouter({ db: getDb(), fleet, name, prefix });
});

afterAll(async () => {
  await poller.sessions.closeAll();
  await fleet?.close();
  await getDb().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await disconnectDb();
});

describe.each(["v6", "v7", "pcc"])("poll of the %s router", (name) => {
  it("stores memberships, dual-listed clients, connections per mark and routes equal to the ground truth", async () => {
    const db = getDb();
    const routerId = ids[name]!;
    const outcome = await poller.poll(routerId, nextAt());
    expect(outcome.kind).toBe("stored");
    const truth = fleet.truth(name);
    const router = await db.router.findUniqueOrThrow({ where: { id: routerId }, include: { wans: true } });
    expect(router.status).toBe("ok");
    expect(router.rosVersion).toBe(truth.version);
    expect(router.wans.map((w) => w.name).sort()).toEqual(name === "pcc" ? ["wan1", "wan2", "wan3"].sort() : ["even", "odd"]);

    const memberships = await db.clientMembership.findMany({ where: { routerId } });
    for (const [list, addresses] of Object.entries(truth.lists)) {
      expect(
        memberships
          .filter((m) => m.list === list)
          .map((m) => m.address)
          .sort(),
        `list ${list}`,
      ).toEqual([...addresses].sort());
    }
    const dual = await db.client.findMany({ where: { routerId, dualListedSince: { not: null } } });
    expect(dual.map((c) => c.address).sort()).toEqual(truth.multiListed.map((m) => m.address).sort());

    const wanSamples = await db.wanSample.findMany({ where: { routerId } });
    const sample = await db.routerSample.findFirstOrThrow({ where: { routerId }, orderBy: { ts: "desc" } });
    expect(sample.connectionsTotal).toBe(truth.connections.total);
    expect(sample.connectionsUnmarked).toBe(truth.connections.byMark[""] ?? 0);
    expect(sample.dualListed).toBe(truth.multiListed.length);
    for (const wan of router.wans) {
      const row = wanSamples.find((s) => s.wanId === wan.id);
      expect(row?.connections, `connections on ${wan.name}`).toBe(truth.connections.byMark[wan.connectionMark ?? ""] ?? 0);
      const route = truth.routes.find((r) => r.table === (wan.routingTable ?? wan.routingMark));
      expect(row?.routeActive, `route of ${wan.name}`).toBe(route?.active ?? false);
    }
  });
});

it("measures the new-connection split from the classifier rules' counters (the nth recipe's 50/25/25)", async () => {
  const db = getDb();
  // A fresh router: every client starts unlisted, so its first connections go through the nth rules.
  const fresh = await Fleet.start({
    seed: 3,
    routers: [{ name: "fresh", version: "6.49", clients: 400, listVisibilityDelayMs: 0 }],
    serve: { basePort: 0 },
  });
  try {
    const routerId = await addSimRouter({ db, fleet: fresh, name: "fresh", prefix });
    await poller.poll(routerId, nextAt());
    fresh.advance(60_000);
    await poller.poll(routerId, nextAt(60_000));
    const router = await db.router.findUniqueOrThrow({ where: { id: routerId }, include: { wans: true } });
    const latest = await db.routerSample.findFirstOrThrow({ where: { routerId }, orderBy: { ts: "desc" } });
    const samples = await db.wanSample.findMany({ where: { routerId, ts: latest.ts } });
    const byName = Object.fromEntries(router.wans.map((w) => [w.name, samples.find((s) => s.wanId === w.id)?.newConnections ?? 0]));
    const total = latest.newConnectionsTotal ?? 0;
    expect(total).toBeGreaterThan(100);
    expect(byName.odd! + byName.even! + (latest.newConnectionsUnmarked ?? 0)).toBe(total);
    // nth=2,1 takes every other; nth=2,2 every other of the rest: 2:1:1 up to rounding.
    expect(Math.abs(byName.odd! - total / 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(byName.even! - total / 4)).toBeLessThanOrEqual(1);
    // And it agrees with the simulator's own count of what the classifier rules matched.
    const truth = fresh.truth("fresh");
    const nthRules = truth.rules.filter((r) => r.chain === "prerouting" && r.action === "mark-connection").slice(2);
    expect(nthRules.map((r) => r.packets)).toEqual([byName.odd, byName.even]); // the fleet was polled at boot: deltas = totals
  } finally {
    await fresh.close();
  }
});

it("writes only sample rows for an unchanged router, and nothing for a retried poll", async () => {
  const db = getDb();
  const routerId = ids.pcc!;
  await poller.poll(routerId, nextAt());
  const eventsBefore = await db.clientEvent.count({ where: { routerId } });
  const at = nextAt();
  const outcome = await poller.poll(routerId, at); // the fleet's clock did not move: nothing changed
  expect(outcome.kind).toBe("stored");
  if (outcome.kind === "stored") expect(outcome.rows).toBe(3 + 1); // three WAN samples and one router sample
  expect(await db.clientEvent.count({ where: { routerId } })).toBe(eventsBefore);
  const again = await poller.poll(routerId, at); // a retried job: same scheduled time
  expect(again.kind).toBe("duplicate");
  expect(await db.routerSample.count({ where: { routerId, ts: at } })).toBe(1);
});

it("stores a poll once when copies of the same scheduled poll run at the same time, and never goes back in time", async () => {
  const db = getDb();
  const routerId = ids.pcc!;
  fleet.advance(10_000); // something changed, so memberships and events may be written too
  const at = nextAt();
  const outcomes = await Promise.all([1, 2, 3].map(() => poller.poll(routerId, at)));
  expect(outcomes.map((o) => o.kind).sort()).toEqual(["duplicate", "duplicate", "stored"]);
  expect(await db.routerSample.count({ where: { routerId, ts: at } })).toBe(1);
  const earlier = new Date(at.getTime() - 5_000); // a late retry of an older slot
  expect((await poller.poll(routerId, earlier)).kind).toBe("duplicate");
  expect(await db.routerSample.count({ where: { routerId, ts: earlier } })).toBe(0);
  expect((await db.routerPollState.findUniqueOrThrow({ where: { routerId } })).polledAt).toEqual(at);
});
