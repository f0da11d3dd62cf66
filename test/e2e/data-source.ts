import { randomBytes } from "node:crypto";
import { disconnectDb, getDb } from "../../lib/db/client";
import { insertSamples } from "../factories/dashboard-records";
import { createDashboardScenario } from "../factories/dashboard-scenario";

// Where the browser tests' data comes from. "factories" (default) inserts a known fleet into
// E2E_DATABASE_URL; a simulator-backed source (real fleet + workers) can be added here and chosen
// with E2E_DATA_SOURCE, as long as it fills the same expectations.

export type DashboardExpectations = {
  ok: {
    id: number;
    name: string;
    wans: { name: string; connections: number; share: string; rx: string }[];
    connectionsTotal: number;
    unmarked: number;
    dualListed: number;
    listCounts: string;
    balancingMethod: string;
    newSplit: string;
  };
  down: { id: number; name: string; lastError: string };
  stale: { id: number; name: string };
  dual: { routerId: number; routerName: string; address: string; lists: string[] };
  flipper: { address: string };
};

export type DashboardDataSource = {
  name: string;
  prepare: () => Promise<DashboardExpectations>;
  /** Make something new land as a poll would, so live refresh can be seen: returns the router name and the new dual-listed count. */
  landPoll: () => Promise<{ routerName: string; dualListed: number }>;
  dispose: () => Promise<void>;
};

function factorySource(): DashboardDataSource {
  let remove: (() => Promise<void>) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let stale: Awaited<ReturnType<typeof createDashboardScenario>>["stale"] | undefined;
  return {
    name: "factories",
    async prepare() {
      process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
      const db = getDb();
      const s = await createDashboardScenario({ db, now: new Date(), prefix: `e2e${randomBytes(2).toString("hex")}` });
      remove = s.remove;
      stale = s.stale;
      // Stand in for the poller on the healthy router, so it stays "ok" (polled within two intervals) for the whole run.
      heartbeat = setInterval(() => void s.pollOk(new Date()).catch(() => {}), 5_000);
      return {
        ok: {
          id: s.ok.id,
          name: s.ok.name,
          wans: [
            { name: "odd", connections: 600, share: "75% (50%)", rx: "40.0 Mbit/s" },
            { name: "even", connections: 200, share: "25% (50%)", rx: "10.0 Mbit/s" },
          ],
          connectionsTotal: s.ok.connectionsTotal,
          unmarked: s.ok.connectionsUnmarked,
          dualListed: s.ok.dualListed,
          listCounts: "even 3 · odd 3",
          balancingMethod: "nth",
          newSplit: "odd 50%, even 25%, unmarked 25%",
        },
        down: { id: s.down.id, name: s.down.name, lastError: s.down.lastError },
        stale: { id: s.stale.id, name: s.stale.name },
        dual: { routerId: s.dual.routerId, routerName: s.dual.routerName, address: s.dual.address, lists: s.dual.lists },
        flipper: { address: s.flipper.address },
      };
    },
    async landPoll() {
      if (!stale) throw new Error("prepare() first");
      const db = getDb();
      const at = new Date();
      await insertSamples(db, {
        router: stale,
        times: [at],
        wan: () => ({ rxBps: 1e6, txBps: 1e5, connections: 100, newConnections: 5, routeActive: true }),
        router_: () => ({
          connectionsTotal: 300,
          connectionsUnmarked: 0,
          newConnectionsTotal: 15,
          newConnectionsUnmarked: 0,
          clients: 2,
          dualListed: 2,
          listCounts: { odd: 2, even: 2 },
        }),
      });
      await db.router.update({ where: { id: stale.id }, data: { lastPollAt: at, pollIntervalSec: 600 } });
      return { routerName: stale.name, dualListed: 2 };
    },
    async dispose() {
      clearInterval(heartbeat);
      await remove?.();
      await disconnectDb();
    },
  };
}

const SOURCES: Record<string, () => DashboardDataSource> = { factories: factorySource };

export function dashboardDataSource(): DashboardDataSource {
  const name = process.env.E2E_DATA_SOURCE ?? "factories";
  const make = SOURCES[name];
  if (!make) throw new Error(`E2E_DATA_SOURCE=${name} is not one of ${Object.keys(SOURCES).join(", ")}`);
  return make();
}
