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
