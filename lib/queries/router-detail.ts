import type { Db } from "../db";
import { connectionImbalance, fleetWans, type FleetWan } from "../metrics/wan-shares";
import type { ImbalanceLevel } from "../metrics/imbalance-level";
import { readRouterWithLatest, type RouterWithLatest } from "./router-with-latest";
import { listCounts } from "../metrics/list-counts";
import { isDataStale, routerHealth, type Health } from "../metrics/router-health";

export type RouterWanCard = FleetWan & {
  interface: string;
  gateway: string | null;
  addressList: string | null;
  connectionMark: string | null;
  routing: string | null;
  rxBps: number | null;
  txBps: number | null;
  newConnections: number | null;
  running: boolean | null;
  sampleAt: Date | null;
};

export type RouterDetail = Pick<
  RouterWithLatest,
  | "id"
  | "name"
  | "identity"
  | "host"
  | "port"
  | "site"
  | "tags"
  | "rosVersion"
  | "balancingMethod"
  | "discoveryWarnings"
  | "statusSince"
  | "lastError"
  | "lastPollAt"
  | "pollIntervalSec"
> & {
  health: Health;
  /** the newest sample is older than two poll intervals (or there is none) */
  dataStale: boolean;
  wans: RouterWanCard[];
  latest: {
    at: Date;
    cpuLoad: number | null;
    uptimeSec: number;
    connectionsTotal: number;
    connectionsUnmarked: number;
    unmarkedShare: number | null;
    clients: number;
    dualListed: number;
    listCounts: { list: string; clients: number }[];
    pollMs: number;
  } | null;
  imbalance: { maxDeviation: number | null; worstWan: string | null; level: ImbalanceLevel };
};

/** One router, its WANs with their newest sample, and its newest router sample; null if unknown. */
export async function getRouterDetail(options: { db: Db; now: Date; routerId: number }): Promise<RouterDetail | null> {
  const { db, now, routerId } = options;
  const router = await readRouterWithLatest({ db, routerId });
  if (!router) return null;
  const { sample } = router;
  const shares = fleetWans(router.wans);
  const wans: RouterWanCard[] = router.wans.map((w, i) => {
    const latest = w.latest;
    const share = shares[i] as FleetWan;
    return {
      ...share,
      interface: w.interface,
      gateway: w.gateway,
      addressList: w.addressList,
      connectionMark: w.connectionMark,
      routing: w.routingTable ?? w.routingMark,
      rxBps: latest?.rxBps ?? null,
      txBps: latest?.txBps ?? null,
      newConnections: latest?.newConnections ?? null,
      running: latest?.running ?? null,
      sampleAt: latest?.at ?? null,
    };
  });
  return {
    id: router.id,
    name: router.name,
    identity: router.identity,
    host: router.host,
    port: router.port,
    site: router.site,
    tags: router.tags,
    rosVersion: router.rosVersion,
    balancingMethod: router.balancingMethod,
    discoveryWarnings: router.discoveryWarnings,
    health: routerHealth({
      status: router.status,
      enabled: router.enabled,
      lastPollAt: router.lastPollAt,
      pollIntervalSec: router.pollIntervalSec,
      now,
    }),
    statusSince: router.statusSince,
    lastError: router.lastError,
    lastPollAt: router.lastPollAt,
    pollIntervalSec: router.pollIntervalSec,
    dataStale: isDataStale({ readAt: sample?.ts ?? null, pollIntervalSec: router.pollIntervalSec, now }),
    wans,
    latest: sample
      ? {
          at: sample.ts,
          cpuLoad: sample.cpuLoad,
          uptimeSec: sample.uptimeSec,
          connectionsTotal: sample.connectionsTotal,
          connectionsUnmarked: sample.connectionsUnmarked,
          unmarkedShare: sample.connectionsTotal > 0 ? sample.connectionsUnmarked / sample.connectionsTotal : null,
          clients: sample.clients,
          dualListed: sample.dualListed,
          listCounts: listCounts(sample.listCounts),
          pollMs: sample.pollMs,
        }
      : null,
    imbalance: connectionImbalance(shares),
  };
}
