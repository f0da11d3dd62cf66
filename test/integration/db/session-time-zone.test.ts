import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestKeepLists } from "../../../lib/actions";
import { evaluateRouterAlerts } from "../../../lib/alerts";
import { disconnectDb, getDb } from "../../../lib/db";
import { PrismaClient } from "../../../lib/db/generated/client";
import { buildRollups, pollAndStoreRouter } from "../../../lib/poller";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { addSimRouter, makePoller, quietLog } from "../../support/poller-harness";
import { TEST_SECRET_KEY } from "../../support/worker-process";

// Columns are timestamp(3) holding UTC. The poll's store and the alert transitions are raw SQL; they
// must write the same instants whatever the Postgres session's time zone is (prisma/orm#23606).
const services = integrationServices();
const prefix = `tz-${services.queuePrefix}`;
let fleet: Fleet;
let routerId = 0;
let newYork: PrismaClient;
let tokyo: PrismaClient;
const poller = makePoller(getDb());
const at = new Date(Date.UTC(2026, 6, 1, 12, 0, 0)); // summer: New York is UTC-4

beforeAll(async () => {
  newYork = new PrismaClient({
    adapter: new PrismaPg({ connectionString: services.databaseUrl, options: "-c TimeZone=America/New_York" }),
  });
  tokyo = new PrismaClient({ adapter: new PrismaPg({ connectionString: services.databaseUrl, options: "-c TimeZone=Asia/Tokyo" }) });
  fleet = await Fleet.start({
    seed: 3,
    routers: [{ name: "gw", version: "6.49", clients: 20, listVisibilityDelayMs: 0 }],
    serve: { basePort: 0 },
  });
  fleet.advance(60_000);
  routerId = await addSimRouter({ db: getDb(), fleet, name: "gw", prefix });
});

afterAll(async () => {
  await poller.sessions.closeAll();
  await fleet?.close();
  await newYork?.$disconnect();
  await tokyo?.$disconnect();
  await getDb().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await disconnectDb();
});

describe("raw SQL under a session time zone other than UTC", () => {
  it("a poll stored and an alert fired through a New York session keep their instants", async () => {
    expect(await newYork.$queryRaw`SHOW TIME ZONE`).toEqual([{ TimeZone: "America/New_York" }]);

    fleet.fault("gw", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
    fleet.advance(10_000);
    const outcome = await pollAndStoreRouter({
      db: newYork,
      sessions: poller.sessions,
      secretKey: TEST_SECRET_KEY,
      routerId,
      at,
      now: at,
      log: quietLog,
    });
    expect(outcome.kind).toBe("stored");
    const evaluated = await evaluateRouterAlerts({ db: newYork, routerId, now: at });
    expect(evaluated.fired).toBeGreaterThan(0);

    // Read back through Prisma's model API on the default (UTC) pool.
    const db = getDb();
    expect((await db.routerSample.findFirstOrThrow({ where: { routerId } })).ts).toEqual(at);
    expect((await db.wanSample.findFirstOrThrow({ where: { routerId } })).ts).toEqual(at);
    expect((await db.routerPollState.findUniqueOrThrow({ where: { routerId } })).polledAt).toEqual(at);
    const router = await db.router.findUniqueOrThrow({ where: { id: routerId } });
    expect(router.lastPollAt).toEqual(at);
    expect(Math.abs(router.updatedAt.getTime() - Date.now())).toBeLessThan(3_600_000);
    const memberships = await db.clientMembership.findMany({ where: { routerId } });
    expect(memberships.length).toBeGreaterThan(0);
    expect(memberships.every((m) => m.since.getTime() === at.getTime())).toBe(true);
    const client = await db.client.findFirstOrThrow({ where: { routerId } });
    expect([client.firstSeenAt, client.lastChangeAt]).toEqual([at, at]);

    const alert = await db.alert.findFirstOrThrow({ where: { routerId, rule: "gateway_down" }, include: { events: true } });
    expect(alert.firedAt).toEqual(at);
    expect(Math.abs(alert.updatedAt.getTime() - Date.now())).toBeLessThan(3_600_000);
    expect(alert.events.map((e) => e.at)).toEqual([at]);
    const condition = await db.alertCondition.findFirstOrThrow({ where: { routerId, rule: "gateway_down" } });
    expect(condition.lastSeen).toEqual(at);
  });

  it("rollups and the keep-list suggestion read the right window through sessions east and west of UTC", async () => {
    const built = await buildRollups({ db: newYork, now: new Date(at.getTime() + 60_000) });
    expect(built.routerRows).toBeGreaterThan(0);
    const bucket = await getDb().routerRollup.findFirstOrThrow({ where: { routerId, resolution: "minute" } });
    expect(bucket.bucket).toEqual(at);

    // A poll just now: its samples are recent, whatever the session's clock says of a UTC timestamp.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    fleet.advance(10_000);
    const polled = await pollAndStoreRouter({
      db: getDb(),
      sessions: poller.sessions,
      secretKey: TEST_SECRET_KEY,
      routerId,
      at: now,
      now,
      log: quietLog,
    });
    expect(polled.kind).toBe("stored");
    for (const db of [tokyo, newYork]) {
      const suggestion = (await suggestKeepLists({ ctx: { db }, input: { routerIds: [routerId], now } })).get(routerId);
      expect(suggestion?.reason).toMatch(/^lighter WAN/);
    }
  });
});
