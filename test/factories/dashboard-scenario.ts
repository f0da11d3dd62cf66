import type { Db } from "../../lib/db";
import {
  createRouter,
  insertClients,
  insertRollups,
  insertSamples,
  removeRouters,
  timesBetween,
  type CreatedRouter,
  type RouterSampleValues,
  type WanSampleValues,
} from "./dashboard-records";

// A small fleet with known numbers for the dashboard's integration and browser tests:
//  - "<prefix>-gw-ok": seed recipe (nth), odd 600 / even 200 connections (75% vs 50% expected), 200
//    unmarked, new connections 50/25/25, even's route down from 30 to 20 minutes ago, 5 clients, one dual-listed;
//  - "<prefix>-gw-down": unreachable for an hour with a connection error;
//  - "<prefix>-gw-stale": PCC with three WANs, status ok but last polled 5 minutes ago.

export type DashboardScenario = {
  now: Date;
  ok: CreatedRouter & {
    wanConnections: number[];
    wanRxBps: number[];
    connectionsTotal: number;
    connectionsUnmarked: number;
    listCounts: Record<string, number>;
    dualListed: number;
    clients: number;
  };
  down: CreatedRouter & { lastError: string; statusSince: Date };
  stale: CreatedRouter;
  dual: { routerId: number; routerName: string; address: string; lists: string[]; since: Date };
  flipper: { address: string; flips24h: number };
  gatewayDown: { wan: string; from: Date; to: Date };
  /** Store one more poll of the healthy router at `at` (same numbers), as the poller would. */
  pollOk: (at: Date) => Promise<void>;
  remove: () => Promise<void>;
};

const MIN = 60_000;
const HOUR = 60 * MIN;

export async function createDashboardScenario(options: { db: Db; now: Date; prefix: string }): Promise<DashboardScenario> {
  const { db, now, prefix } = options;
  const ago = (ms: number): Date => new Date(now.getTime() - ms);
  const seedWans = [
    { name: "odd", interface: "wlan2", addressList: "odd", gateway: "10.111.0.1" },
    { name: "even", interface: "wlan1", addressList: "even", gateway: "10.112.0.1" },
  ];
  const ok = await createRouter(db, {
    name: `${prefix}-gw-ok`,
    site: `${prefix}-site-a`,
    tags: [`${prefix}-lab`],
    status: "ok",
    statusSince: ago(2 * HOUR),
    lastPollAt: ago(3000),
    wans: seedWans,
  });
  const created = [ok.id];
  try {
    const gatewayDown = { wan: "even", from: ago(30 * MIN), to: ago(20 * MIN) };
    const wanConnections = [600, 200];
    const wanRxBps = [40e6, 10e6];
    const wan = (i: number, at: Date): WanSampleValues => ({
      rxBps: wanRxBps[i] ?? 0,
      txBps: (wanRxBps[i] ?? 0) / 10,
      connections: wanConnections[i] ?? 0,
      newConnections: i === 0 ? 20 : 10,
      routeActive: !(i === 1 && at > gatewayDown.from && at <= gatewayDown.to),
    });
    const listCounts = { odd: 3, even: 3 };
    const routerValues = (): RouterSampleValues => ({
      connectionsTotal: 1000,
      connectionsUnmarked: 200,
      newConnectionsTotal: 40,
      newConnectionsUnmarked: 10,
      clients: 5,
      dualListed: 1,
      listCounts,
    });
    await insertSamples(db, {
      router: ok,
      times: timesBetween({ from: ago(HOUR), to: ago(3000), stepSec: 10 }),
      wan,
      router_: routerValues,
    });
    const minuteEnd = new Date(Math.floor(now.getTime() / MIN) * MIN - MIN);
    await insertRollups(db, {
      router: ok,
      resolution: "minute",
      buckets: timesBetween({ from: ago(24 * HOUR), to: minuteEnd, stepSec: 60 }),
      samplesPerBucket: 6,
      wan,
      router_: routerValues,
    });
    const hourEnd = new Date(Math.floor(now.getTime() / HOUR) * HOUR - HOUR);
    await insertRollups(db, {
      router: ok,
      resolution: "hour",
      buckets: timesBetween({ from: ago(30 * 24 * HOUR), to: hourEnd, stepSec: 3600 }),
      samplesPerBucket: 360,
      wan,
      router_: routerValues,
    });
    const dual = { routerId: ok.id, routerName: ok.name, address: "192.168.0.12", lists: ["odd", "even"], since: ago(12 * MIN) };
    const flipper = { address: "192.168.0.11", flips24h: 2 };
    await insertClients(db, {
      routerId: ok.id,
      clients: [
        {
          address: "192.168.0.10",
          lists: [{ list: "odd", since: ago(2 * HOUR) }],
          events: [{ ts: ago(2 * HOUR), kind: "joined", toList: "odd" }],
        },
        {
          address: flipper.address,
          lists: [{ list: "even", since: ago(30 * MIN) }],
          firstSeenAt: ago(30 * HOUR),
          events: [
            { ts: ago(30 * HOUR), kind: "joined", toList: "odd" },
            { ts: ago(26 * HOUR), kind: "moved", fromList: "odd", toList: "even" },
            { ts: ago(3 * HOUR), kind: "moved", fromList: "even", toList: "odd" },
            { ts: ago(30 * MIN), kind: "moved", fromList: "odd", toList: "even" },
          ],
        },
        {
          address: dual.address,
          lists: [
            { list: "odd", since: ago(40 * MIN) },
            { list: "even", since: dual.since },
          ],
          dualListedSince: dual.since,
          events: [
            { ts: ago(40 * MIN), kind: "joined", toList: "odd" },
            { ts: dual.since, kind: "joined", toList: "even" },
            { ts: dual.since, kind: "dual_listed", toList: "even" },
          ],
        },
        { address: "192.168.0.13", lists: [{ list: "odd", since: ago(5 * HOUR) }] },
        { address: "192.168.0.14", lists: [{ list: "even", since: ago(HOUR) }] },
      ],
    });

    const downError = "connect ECONNREFUSED 127.0.0.1:18728";
    const down = await createRouter(db, {
      name: `${prefix}-gw-down`,
      site: `${prefix}-site-b`,
      status: "unreachable",
      statusSince: ago(HOUR),
      lastError: downError,
      lastPollAt: ago(HOUR),
      wans: seedWans,
    });
    created.push(down.id);
    await insertSamples(db, { router: down, times: [ago(HOUR + 10_000)], wan, router_: routerValues });
    await insertClients(db, { routerId: down.id, clients: [{ address: "192.168.7.20", lists: [{ list: "odd", since: ago(3 * HOUR) }] }] });

    const stale = await createRouter(db, {
      name: `${prefix}-gw-stale`,
      site: `${prefix}-site-b`,
      status: "ok",
      statusSince: ago(5 * HOUR),
      lastPollAt: ago(5 * MIN),
      balancingMethod: "pcc",
      wans: [...seedWans, { name: "third", interface: "ether3", addressList: "third", gateway: "10.113.0.1" }],
    });
    created.push(stale.id);
    await insertSamples(db, {
      router: stale,
      times: [ago(5 * MIN)],
      wan: () => ({ rxBps: 1e6, txBps: 1e5, connections: 100, newConnections: 5, routeActive: true }),
      router_: () => ({
        connectionsTotal: 300,
        connectionsUnmarked: 0,
        newConnectionsTotal: 15,
        newConnectionsUnmarked: 0,
        clients: 0,
        dualListed: 0,
        listCounts: {},
      }),
    });

    return {
      now,
      ok: { ...ok, wanConnections, wanRxBps, connectionsTotal: 1000, connectionsUnmarked: 200, listCounts, dualListed: 1, clients: 5 },
      down: { ...down, lastError: downError, statusSince: ago(HOUR) },
      stale,
      dual,
      flipper,
      gatewayDown,
      pollOk: async (at) => {
        await insertSamples(db, { router: ok, times: [at], wan, router_: routerValues });
        await db.router.update({ where: { id: ok.id }, data: { lastPollAt: at } });
      },
      remove: () => removeRouters(db, created),
    };
  } catch (error) {
    await removeRouters(db, created);
    throw error;
  }
}
