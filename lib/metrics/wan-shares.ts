import { imbalance } from "./imbalance";
import { imbalanceLevel, type ImbalanceLevel } from "./imbalance-level";

// Each WAN's share of a router's marked connections and throughput next to its expected weight.

export type FleetWan = {
  id: number;
  name: string;
  /** expected weight over the router's WANs, 0..1 */
  expectedShare: number;
  connections: number | null;
  connectionShare: number | null;
  bps: number | null;
  bpsShare: number | null;
  routeActive: boolean | null;
};

/** The parts of a WAN's newest sample that shares are computed from. */
export type WanLatest = { connections: number; rxBps: number | null; txBps: number | null; routeActive: boolean };

export type ImbalanceSummary = { maxDeviation: number | null; worstWan: string | null; level: ImbalanceLevel };

function shareOf(value: number | null, total: number): number | null {
  return value === null || total <= 0 ? null : value / total;
}

/** How far the marked connections are from the expected weights; drives the imbalance badge and filter. */
export function connectionImbalance(wans: FleetWan[]): ImbalanceSummary {
  const balance = imbalance(wans.map((w) => ({ wan: w.name, observed: w.connections ?? 0, expectedWeight: w.expectedShare })));
  return { maxDeviation: balance.maxDeviation, worstWan: balance.worstWan, level: imbalanceLevel(balance.maxDeviation) };
}

export function fleetWans(wans: { id: number; name: string; expectedWeight: number; latest: WanLatest | undefined }[]): FleetWan[] {
  const weightTotal = wans.reduce((s, w) => s + Math.max(0, w.expectedWeight), 0);
  const connections = wans.map((w) => w.latest?.connections ?? null);
  const bps = wans.map((w) =>
    w.latest && (w.latest.rxBps !== null || w.latest.txBps !== null) ? (w.latest.rxBps ?? 0) + (w.latest.txBps ?? 0) : null,
  );
  const connTotal = connections.reduce<number>((s, c) => s + (c ?? 0), 0);
  const bpsTotal = bps.reduce<number>((s, b) => s + (b ?? 0), 0);
  return wans.map((w, i) => ({
    id: w.id,
    name: w.name,
    expectedShare: weightTotal > 0 ? Math.max(0, w.expectedWeight) / weightTotal : 0,
    connections: connections[i] ?? null,
    connectionShare: shareOf(connections[i] ?? null, connTotal),
    bps: bps[i] ?? null,
    bpsShare: shareOf(bps[i] ?? null, bpsTotal),
    routeActive: w.latest?.routeActive ?? null,
  }));
}
