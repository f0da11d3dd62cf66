import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../../../lib/db";
import { buildRollups } from "../../../lib/poller";
import { createRouter, insertSamples, timesBetween, type CreatedRouter } from "../../factories/dashboard-records";
import { integrationServices, useOwnDatabase } from "../../support/integration-context";
import type { TestDatabase } from "../../support/services";

// Rollups are built for every router at once, so this file has its own database: no other file's
// samples (or factory-made rollups) are touched, and the expected rows are exactly these.
integrationServices();
const MIN = 60_000;
const now = new Date(Date.UTC(2026, 10, 30, 12, 30, 0));
const at = (h: number, m: number, s = 0) => new Date(Date.UTC(2026, 10, 30, h, m, s));
let own: TestDatabase | undefined;
let router: CreatedRouter;

// WAN 0 carries (minute of the hour) × 1000 bps, so each minute's average says which samples it took;
// WAN 1 has no route for the samples in 12:05.
const wanValues = (i: number, ts: Date) => ({
  rxBps: i === 0 ? ts.getUTCMinutes() * 1000 : 500,
  txBps: 100,
  connections: i === 0 ? 60 : 20 + (ts.getUTCSeconds() / 10) * 2,
  newConnections: i === 0 ? 5 : 1,
  routeActive: !(i === 1 && ts.getUTCHours() === 12 && ts.getUTCMinutes() === 5),
});
const routerValues = (ts: Date) => ({
  cpuLoad: ts.getUTCMinutes(),
  connectionsTotal: 100,
  connectionsUnmarked: 20,
  newConnectionsTotal: 6,
  newConnectionsUnmarked: 1,
  clients: 4,
  dualListed: ts.getUTCMinutes() === 7 ? 2 : 0,
  listCounts: { odd: 2, even: 2 },
});

const wanRollups = (resolution: "minute" | "hour") =>
  getDb().wanRollup.findMany({ where: { routerId: router.id, resolution }, orderBy: [{ wanId: "asc" }, { bucket: "asc" }] });
const routerRollups = (resolution: "minute" | "hour") =>
  getDb().routerRollup.findMany({ where: { routerId: router.id, resolution }, orderBy: { bucket: "asc" } });

describe("buildRollups", () => {
  beforeAll(async () => {
    own = await useOwnDatabase();
    router = await createRouter(getDb(), {
      name: "rollups",
      wans: [
        { name: "odd", interface: "wlan2", addressList: "odd" },
        { name: "even", interface: "wlan1", addressList: "even" },
      ],
    });
    // Every 10 s from 11:50:10 to 12:30:00: 59 samples in the 11:00 hour and 181 in the 12:00 hour.
    await insertSamples(getDb(), {
      router,
      times: timesBetween({ from: at(11, 50), to: now, stepSec: 10 }),
      wan: wanValues,
      router_: routerValues,
    });
  });

  afterAll(async () => {
    await disconnectDb();
    await own?.drop();
  });

  it("aggregates samples into minute and hour buckets per WAN and per router", async () => {
    const counts = await buildRollups({ db: getDb(), now });
    // 41 minutes (11:50 … 12:30) and 2 hours, for 2 WANs and the router.
    expect(counts).toEqual({ wanRows: 2 * (41 + 2), routerRows: 41 + 2 });

    const minutes = await wanRollups("minute");
    const odd = minutes.filter((r) => r.wanId === router.wans[0]!.id);
    expect(odd.map((r) => r.bucket.toISOString())[0]).toBe("2026-11-30T11:50:00.000Z");
    expect(odd.find((r) => r.bucket.getTime() === at(12, 5).getTime())).toMatchObject({
      samples: 6,
      rxBpsAvg: 5000,
      rxBpsMax: 5000,
      txBpsAvg: 100,
      connectionsAvg: 60,
      newConnections: 30,
      routeUpSamples: 6,
    });
    // 11:50 holds 11:50:10 … 11:50:50 only (the range starts after 11:50:00); 12:30 holds one sample.
    expect(odd.find((r) => r.bucket.getTime() === at(11, 50).getTime())?.samples).toBe(5);
    expect(odd.find((r) => r.bucket.getTime() === at(12, 30).getTime())?.samples).toBe(1);
    const even = minutes.filter((r) => r.wanId === router.wans[1]!.id);
    expect(even.find((r) => r.bucket.getTime() === at(12, 5).getTime())).toMatchObject({ routeUpSamples: 0, connectionsAvg: 25 });
    expect(even.find((r) => r.bucket.getTime() === at(12, 6).getTime())).toMatchObject({ routeUpSamples: 6 });

    const hours = await wanRollups("hour");
    expect(hours.filter((r) => r.wanId === router.wans[0]!.id).map((r) => [r.bucket.toISOString(), r.samples, r.newConnections])).toEqual([
      ["2026-11-30T11:00:00.000Z", 59, 295],
      ["2026-11-30T12:00:00.000Z", 181, 905],
    ]);

    const routerMinutes = await routerRollups("minute");
    expect(routerMinutes.find((r) => r.bucket.getTime() === at(12, 7).getTime())).toMatchObject({
      samples: 6,
      cpuLoadAvg: 7,
      connectionsTotalAvg: 100,
      connectionsUnmarkedAvg: 20,
      newConnectionsTotal: 36,
      newConnectionsUnmarked: 6,
      clientsAvg: 4,
      dualListedMax: 2,
    });
    expect((await routerRollups("hour")).map((r) => [r.bucket.toISOString(), r.samples])).toEqual([
      ["2026-11-30T11:00:00.000Z", 59],
      ["2026-11-30T12:00:00.000Z", 181],
    ]);
  });

  it("converges when run again: the same rows, and a late sample updates its buckets", async () => {
    const before = await wanRollups("minute");
    await buildRollups({ db: getDb(), now });
    expect(await wanRollups("minute")).toEqual(before);

    await getDb().wanSample.create({
      data: { wanId: router.wans[0]!.id, routerId: router.id, ts: at(12, 5, 5), running: true, ...wanValues(0, at(12, 5)), rxBps: 12_000 },
    });
    // A short lookback still recomputes the whole hour the window starts in.
    await buildRollups({ db: getDb(), now, lookbackMs: 30 * MIN });
    const minute = (await wanRollups("minute")).find((r) => r.wanId === router.wans[0]!.id && r.bucket.getTime() === at(12, 5).getTime());
    expect(minute).toMatchObject({ samples: 7, rxBpsAvg: 6000, rxBpsMax: 12_000 });
    const hour = (await wanRollups("hour")).find((r) => r.wanId === router.wans[0]!.id && r.bucket.getTime() === at(12, 0).getTime());
    expect(hour?.samples).toBe(182);
  });
});
