import type { NewConnectionStats } from "../engine/dataplane";
import type { RuleState } from "../engine/firewall-rule-state";
import { formatIp } from "../engine/ip";
import type { FirewallTable, LoadReport } from "./config";
import { formatId } from "./format";
import type { FaultState } from "../protocol/router-api";
import type { SessionCounts } from "../protocol/session-ledger";
import type { SimRouter } from "./router";

/** What the router really is, for tests to compare a poller against. Plain JSON, no formatting games. */
export type GroundTruth = {
  name: string;
  version: string;
  uptimeMs: number;
  /** list name → addresses in it (visible to rules or not yet) */
  lists: Record<string, string[]>;
  /** addresses present in more than one list */
  multiListed: Array<{ address: string; lists: string[] }>;
  connections: { total: number; byMark: Record<string, number> };
  /** new connections since boot: mark given by the first packet ("" = none) and interface chosen */
  /** dropped: first packets a filter or raw rule dropped */
  newConnections: NewConnectionStats;
  routes: Array<{
    id: string;
    table: string;
    dst: string;
    gateway: string;
    via: string | null;
    reachable: boolean;
    active: boolean;
    distance: number;
  }>;
  interfaces: Record<string, { running: boolean; rxByte: number; txByte: number; rxPacket: number; txPacket: number; linkDowns: number }>;
  /** mangle rules in order (kept for older tests; firewall.mangle has the same with ids) */
  rules: Array<{ chain: string; action: string; packets: number; bytes: number }>;
  /** every firewall table in print order: what the engine executes now */
  firewall: Record<
    FirewallTable,
    Array<{ id: string; chain: string; action: string; disabled: boolean; packets: number; bytes: number; unmodelled: string[] }>
  >;
  faults: FaultState & { linksDown: string[]; upstreamDown: string[] };
  /** logins since the simulator started (kept for older tests; sessions.loginsTotal is the same) */
  logins: number;
  /** DHCP leases as the router holds them (host names as bytes, as RouterOS keeps them) */
  leases: Array<{
    id: string;
    address: string;
    macAddress: string;
    clientId: string | null;
    hostName: string | null;
    server: string;
    dynamic: boolean;
    status: "bound" | "waiting";
    comment: string | null;
  }>;
  /** netwatch probes now; since as ISO time of the router's clock */
  netwatch: Array<{
    id: string;
    name: string | null;
    type: string;
    host: string;
    status: string;
    since: string | null;
    lossPercent: number;
    rttAvgMs: number | null;
    via: string | null;
  }>;
  /** every change of the route serving a table's destination since boot of the simulator (at: ISO, atMs: sim ms) */
  failovers: Array<{
    at: string;
    atMs: number;
    table: string;
    dst: string;
    from: string | null;
    to: string | null;
    fromVia: string | null;
    toVia: string | null;
    reason: string;
  }>;
  /** interface bytes per UTC day of router time (yyyy-mm-dd → interface → bytes), today's so far included */
  usage: Record<string, Record<string, { rxByte: number; txByte: number }>>;
  /** what loading the export left out (lenient) or accepted without effect */
  load: LoadReport & { source: string | null };
  /** open API connections and logged-in sessions per service, with totals since the simulator started */
  sessions: SessionCounts;
};

export function groundTruth(router: SimRouter): GroundTruth {
  const dp = router.dataplane;
  const lists: Record<string, string[]> = {};
  const byAddress = new Map<string, string[]>();
  for (const entry of dp.lists.entries()) {
    (lists[entry.list] ??= []).push(entry.address);
    const seen = byAddress.get(entry.address);
    if (seen) seen.push(entry.list);
    else byAddress.set(entry.address, [entry.list]);
  }
  const interfaces: GroundTruth["interfaces"] = {};
  for (const i of dp.interfaces.values()) {
    interfaces[i.name] = {
      running: i.running,
      rxByte: i.rxByte,
      txByte: i.txByte,
      rxPacket: i.rxPacket,
      txPacket: i.txPacket,
      linkDowns: i.linkDowns,
    };
  }
  return {
    name: router.name,
    version: router.personality.version,
    uptimeMs: Math.floor(router.uptimeMs()),
    lists,
    multiListed: [...byAddress].filter(([, l]) => l.length > 1).map(([address, l]) => ({ address, lists: l })),
    connections: { total: dp.conns.size, byMark: dp.conns.countsByMark() },
    newConnections: structuredClone(dp.newStats),
    routes: dp.routing.routes.map((r) => ({
      id: formatId(r.id),
      table: r.config.table,
      dst: `${formatIp(r.config.dst.network)}/${r.config.dst.prefix}`,
      gateway: r.config.gateway,
      via: r.via ?? null,
      reachable: r.reachable,
      active: r.active,
      distance: r.config.distance,
    })),
    interfaces,
    rules: dp.mangle.map((s) => ({ chain: s.rule.chain, action: s.rule.action, packets: s.packets, bytes: Math.round(s.bytes) })),
    firewall: {
      filter: ruleTruth(dp.firewall.filter),
      mangle: ruleTruth(dp.firewall.mangle),
      nat: ruleTruth(dp.firewall.nat),
      raw: ruleTruth(dp.firewall.raw),
    },
    faults: {
      ...router.faults(),
      linksDown: [...dp.interfaces.values()].filter((i) => !i.running).map((i) => i.name),
      upstreamDown: [...dp.upstreamDown],
    },
    logins: router.logins,
    sessions: router.sessions.counts(),
    leases: [...router.leases.values()].map((l) => ({
      id: formatId(l.id),
      address: formatIp(l.address),
      macAddress: l.macAddress,
      clientId: l.clientId ?? null,
      hostName: l.hostName ?? null,
      server: l.server,
      dynamic: l.dynamic,
      status: l.active && !l.disabled ? "bound" : "waiting",
      comment: l.comment ?? null,
    })),
    netwatch: router.netwatch.probes.map((p) => ({
      id: formatId(p.id),
      name: p.name ?? null,
      type: p.type,
      host: p.host,
      status: p.status,
      since: p.since === undefined ? null : router.isoTime(p.since),
      lossPercent: p.doneTests === 0 ? 0 : Math.round((p.lossCount / p.packetCount) * 100),
      rttAvgMs: p.rtt?.avg ?? null,
      via: p.via ?? null,
    })),
    failovers: dp.routing.history.map((e) => ({
      at: router.isoTime(e.at),
      atMs: e.at,
      table: e.table,
      dst: e.dst,
      from: e.from?.gateway ?? null,
      to: e.to?.gateway ?? null,
      fromVia: e.from?.via ?? null,
      toVia: e.to?.via ?? null,
      reason: e.reason,
    })),
    usage: router.usage(),
    load: { source: router.scriptSource ?? null, ...structuredClone(dp.config.report) },
  };
}

function ruleTruth(rules: RuleState[]): GroundTruth["firewall"]["mangle"] {
  return rules.map((s) => ({
    id: formatId(s.id),
    chain: s.rule.chain,
    action: s.rule.action,
    disabled: s.rule.disabled,
    packets: s.packets,
    bytes: Math.round(s.bytes),
    unmodelled: [...s.rule.unmodelled],
  }));
}
