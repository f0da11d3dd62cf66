import type { Db } from "../../lib/db";
import type { Prisma } from "../../lib/db/generated/client";

// Rows the dashboard reads, inserted through Prisma with known values. Each test removes only the
// routers it made (and the rows keyed by their ids) with removeRouters.

export type WanInput = {
  name: string;
  interface: string;
  addressList?: string;
  connectionMark?: string;
  gateway?: string;
  expectedWeight?: number;
};

export type RouterInput = {
  name: string;
  site?: string;
  tags?: string[];
  status?: "unknown" | "ok" | "unreachable" | "auth_failed" | "timed_out" | "error";
  statusSince?: Date;
  lastError?: string;
  lastPollAt?: Date;
  pollIntervalSec?: number;
  balancingMethod?: string;
  rosVersion?: string;
  wans: WanInput[];
};

export type CreatedRouter = { id: number; name: string; wans: { id: number; name: string }[] };

export async function createRouter(db: Db, input: RouterInput): Promise<CreatedRouter> {
  const router = await db.router.create({
    data: {
      name: input.name,
      host: "127.0.0.1",
      port: 8728,
      username: "factory",
      passwordEnc: "factory-not-a-secret",
      site: input.site,
      tags: input.tags ?? [],
      status: input.status ?? "ok",
      statusSince: input.statusSince,
      lastError: input.lastError,
      lastPollAt: input.lastPollAt,
      pollIntervalSec: input.pollIntervalSec ?? 10,
      balancingMethod: input.balancingMethod ?? "nth",
      rosVersion: input.rosVersion ?? "7.19.1",
      wans: {
        create: input.wans.map((w, position) => ({
          name: w.name,
          interface: w.interface,
          addressList: w.addressList,
          connectionMark: w.connectionMark ?? w.addressList,
          routingMark: w.addressList,
          gateway: w.gateway,
          expectedWeight: w.expectedWeight ?? 1,
          position,
        })),
      },
    },
    include: { wans: { orderBy: { position: "asc" } } },
  });
  return { id: router.id, name: router.name, wans: router.wans.map((w) => ({ id: w.id, name: w.name })) };
}

/** Every `stepSec` from `from` (exclusive) to `to` (inclusive), newest last. */
export function timesBetween(options: { from: Date; to: Date; stepSec: number }): Date[] {
  const out: Date[] = [];
  for (let t = options.to.getTime(); t > options.from.getTime(); t -= options.stepSec * 1000) out.push(new Date(t));
  return out.reverse();
}

export type WanSampleValues = {
  rxBps: number | null;
  txBps: number | null;
  connections: number;
  newConnections: number | null;
  routeActive: boolean;
  running?: boolean;
};
export type RouterSampleValues = Omit<
  Prisma.RouterSampleCreateManyInput,
  "routerId" | "ts" | "uptimeSec" | "pollMs" | "rebooted" | "listCounts" | "newConnectionsTotal" | "newConnectionsUnmarked"
> & {
  newConnectionsTotal: number | null;
  newConnectionsUnmarked: number | null;
  listCounts: Record<string, number>;
};

export async function insertSamples(
  db: Db,
  options: {
    router: CreatedRouter;
    times: Date[];
    wan: (wanIndex: number, at: Date) => WanSampleValues;
    router_: (at: Date) => RouterSampleValues;
  },
): Promise<void> {
  const { router, times } = options;
  await db.wanSample.createMany({
    data: router.wans.flatMap((w, i) =>
      times.map((ts) => ({ wanId: w.id, routerId: router.id, ts, running: true, ...options.wan(i, ts) })),
    ),
  });
  await db.routerSample.createMany({
    data: times.map((ts) => {
      const v = options.router_(ts);
      return { routerId: router.id, ts, uptimeSec: 86_400, pollMs: 35, cpuLoad: v.cpuLoad ?? 7, ...v };
    }),
  });
}

export async function insertRollups(
  db: Db,
  options: {
    router: CreatedRouter;
    resolution: "minute" | "hour";
    buckets: Date[];
    samplesPerBucket: number;
    wan: (wanIndex: number, at: Date) => WanSampleValues;
    router_: (at: Date) => RouterSampleValues;
  },
): Promise<void> {
  const { router, buckets, samplesPerBucket: samples, resolution } = options;
  await db.wanRollup.createMany({
    data: router.wans.flatMap((w, i) =>
      buckets.map((bucket) => {
        const v = options.wan(i, bucket);
        return {
          wanId: w.id,
          routerId: router.id,
          resolution,
          bucket,
          samples,
          rxBpsAvg: v.rxBps,
          txBpsAvg: v.txBps,
          rxBpsMax: v.rxBps,
          txBpsMax: v.txBps,
          connectionsAvg: v.connections,
          newConnections: v.newConnections === null ? null : v.newConnections * samples,
          routeUpSamples: v.routeActive ? samples : 0,
        };
      }),
    ),
  });
  await db.routerRollup.createMany({
    data: buckets.map((bucket) => {
      const v = options.router_(bucket);
      return {
        routerId: router.id,
        resolution,
        bucket,
        samples,
        cpuLoadAvg: v.cpuLoad ?? 7,
        connectionsTotalAvg: v.connectionsTotal,
        connectionsUnmarkedAvg: v.connectionsUnmarked,
        newConnectionsTotal: v.newConnectionsTotal === null ? null : v.newConnectionsTotal * samples,
        newConnectionsUnmarked: v.newConnectionsUnmarked === null ? null : v.newConnectionsUnmarked * samples,
        clientsAvg: v.clients,
        dualListedMax: v.dualListed,
      };
    }),
  });
}

export type ClientInput = {
  address: string;
  lists: { list: string; since: Date }[];
  firstSeenAt?: Date;
  dualListedSince?: Date;
  events?: { ts: Date; kind: "joined" | "left" | "moved" | "dual_listed" | "dual_cleared"; fromList?: string; toList?: string }[];
};

export async function insertClients(db: Db, options: { routerId: number; clients: ClientInput[] }): Promise<void> {
  const { routerId, clients } = options;
  await db.client.createMany({
    data: clients.map((c) => {
      const sinces = c.lists.map((l) => l.since.getTime());
      const first = c.firstSeenAt ?? new Date(Math.min(...sinces, Date.now()));
      return {
        routerId,
        address: c.address,
        lists: c.lists.map((l) => l.list),
        firstSeenAt: first,
        lastChangeAt: new Date(Math.max(...sinces, first.getTime())),
        dualListedSince: c.dualListedSince,
      };
    }),
  });
  await db.clientMembership.createMany({
    data: clients.flatMap((c) => c.lists.map((l) => ({ routerId, address: c.address, list: l.list, since: l.since }))),
  });
  await db.clientEvent.createMany({
    data: clients.flatMap((c) =>
      (c.events ?? []).map((e) => ({ routerId, address: c.address, ts: e.ts, kind: e.kind, fromList: e.fromList, toList: e.toList })),
    ),
  });
}

/** Deletes the routers (WANs and poll state cascade) and every sample, rollup and client row keyed by their ids. */
export async function removeRouters(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const where = { routerId: { in: ids } };
  await db.$transaction([
    db.wanSample.deleteMany({ where }),
    db.routerSample.deleteMany({ where }),
    db.wanRollup.deleteMany({ where }),
    db.routerRollup.deleteMany({ where }),
    db.clientEvent.deleteMany({ where }),
    db.clientMembership.deleteMany({ where }),
    db.client.deleteMany({ where }),
    db.router.deleteMany({ where: { id: { in: ids } } }),
  ]);
}
