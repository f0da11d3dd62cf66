import {
  connectionShares,
  detectReboot,
  diffMemberships,
  dualListedAddresses,
  clientsPerList,
  interfaceThroughput,
  listReadFromEntries,
  membershipEntries,
  newConnectionSplit,
  wanListsOf,
  type MembershipEntry,
  type MembershipEvent,
  type MembershipState,
} from "../metrics";
import type { BalancingSetup, PollSnapshot } from "../routeros";
import { countersById } from "../routeros/poll";

// A poll snapshot plus what the previous poll left behind → the rows to store. Pure: time is the
// poll's scheduled time, passed in, so a retried job computes the same rows and writes nothing twice.

export type PollCounters = {
  interfaces: Record<string, { rx: number; tx: number }>;
  rules: Record<string, number>;
};

export type PreviousPoll = { polledAt: number; uptimeSec: number; counters: PollCounters } | null;

export type WanRef = {
  id: number;
  name: string;
  interface: string;
  connectionMark: string | null;
  routingTable: string | null;
  routingMark: string | null;
  gateway: string | null;
};

export type WanSampleRow = {
  wanId: number;
  rxBps: number | null;
  txBps: number | null;
  connections: number;
  newConnections: number | null;
  routeActive: boolean;
  running: boolean;
};

export type RouterSampleRow = {
  cpuLoad: number | null;
  uptimeSec: number;
  connectionsTotal: number;
  connectionsUnmarked: number;
  newConnectionsTotal: number | null;
  newConnectionsUnmarked: number | null;
  clients: number;
  dualListed: number;
  listCounts: Record<string, number>;
  pollMs: number;
  rebooted: boolean;
};

export type PollResult = {
  wanSamples: WanSampleRow[];
  routerSample: RouterSampleRow;
  membershipEvents: MembershipEvent[];
  memberships: MembershipState;
  /** The entry behind each membership of the lists read (static or dynamic, its .id), by membershipKey. */
  entries: ReadonlyMap<string, MembershipEntry>;
  counters: PollCounters;
};

function routeFor(wan: WanRef, snapshot: PollSnapshot): { active: boolean } | null {
  const table = wan.routingTable ?? wan.routingMark;
  if (!snapshot.routes || !table) return null;
  const routes = snapshot.routes.filter((r) => r.table === table && !r.disabled);
  return routes.length === 0 ? { active: false } : { active: routes.some((r) => r.active) };
}

export function computePollResult(options: {
  at: number;
  snapshot: PollSnapshot;
  setup: BalancingSetup;
  wans: readonly WanRef[];
  previous: PreviousPoll;
  memberships: MembershipState;
}): PollResult {
  const { at, snapshot, setup, wans, previous } = options;
  const uptimeSec = snapshot.resource.uptimeSeconds;
  const reboot = detectReboot({
    prev: previous ? { at: previous.polledAt, uptimeSeconds: previous.uptimeSec } : null,
    curr: { at, uptimeSeconds: uptimeSec },
  });
  const prevCounters = previous && !reboot.rebooted ? previous.counters : null;

  const ruleCounters = countersById(snapshot.classifierCounters ?? []);
  const counters: PollCounters = { interfaces: {}, rules: Object.fromEntries(ruleCounters) };
  for (const stats of snapshot.interfaces ?? []) counters.interfaces[stats.name] = { rx: stats.rxBytes, tx: stats.txBytes };

  const split = snapshot.classifierCounters
    ? newConnectionSplit({
        rules: setup.classifiers,
        prev: prevCounters ? new Map(Object.entries(prevCounters.rules)) : null,
        curr: ruleCounters,
      })
    : null;
  const splitFor = (wanName: string) => (split?.kind === "split" ? (split.perWan.find((w) => w.wan === wanName)?.count ?? 0) : null);

  const byMark = new Map((snapshot.connections?.byMark ?? []).map((m) => [m.mark, m.count]));
  const wanSamples = wans.map((wan): WanSampleRow => {
    const stats = snapshot.interfaces?.find((i) => i.name === wan.interface);
    const prev = prevCounters?.interfaces[wan.interface];
    const rates = stats
      ? interfaceThroughput({
          prev: prev && previous ? { at: previous.polledAt, rxBytes: prev.rx, txBytes: prev.tx } : null,
          curr: { at, rxBytes: stats.rxBytes, txBytes: stats.txBytes },
          rebooted: reboot.rebooted,
        })
      : { rxBps: null, txBps: null };
    return {
      wanId: wan.id,
      rxBps: rates.rxBps,
      txBps: rates.txBps,
      connections: wan.connectionMark ? (byMark.get(wan.connectionMark) ?? 0) : 0,
      newConnections: splitFor(wan.name),
      routeActive: routeFor(wan, snapshot)?.active ?? false,
      running: Boolean(stats?.running && !stats.disabled),
    };
  });

  const read = listReadFromEntries(snapshot.addressLists);
  const wanLists = new Set(wanListsOf(setup.wans));
  const diff = diffMemberships({ prev: options.memberships, read, now: at, wanLists });
  const perList = clientsPerList(diff.state);
  const total = snapshot.connections?.total ?? 0;
  const shares = connectionShares({
    wans: wanSamples.map((w, i) => ({ wan: wans[i]?.name ?? String(w.wanId), connections: w.connections })),
    total,
  });

  return {
    wanSamples,
    routerSample: {
      cpuLoad: snapshot.resource.cpuLoadPercent,
      uptimeSec,
      connectionsTotal: total,
      connectionsUnmarked: snapshot.connections ? shares.unmarked.connections : 0,
      newConnectionsTotal: split?.kind === "split" ? split.total : null,
      newConnectionsUnmarked: split?.kind === "split" ? split.unmarked.count : null,
      clients: diff.state.size,
      dualListed: dualListedAddresses(diff.state).length,
      listCounts: Object.fromEntries(perList),
      pollMs: snapshot.durationMs,
      rebooted: reboot.rebooted,
    },
    membershipEvents: diff.events,
    memberships: diff.state,
    entries: membershipEntries(snapshot.addressLists),
    counters,
  };
}
