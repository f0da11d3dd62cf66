import type { FirewallRule } from "../model/config";
import type { AddressListStore } from "./address-lists";
import type { Connection } from "./connection";
import type { RuleState } from "./firewall-rule-state";
import { inCidr } from "./ip";
import { pccHash } from "./pcc";

/** What the rules look at for one packet (or a batch of identical packets) of a connection. */
export type PacketContext = {
  chain: string;
  inInterface: string;
  outInterface?: string;
  src: number;
  dst: number;
  sport: number;
  dport: number;
  protocol: string;
  state: "new" | "established";
  conn: Connection;
  routingMark: string;
  packetMark?: string;
};

export type MangleEnv = {
  lists: AddressListStore;
  now: number;
  /** delay before an entry added by a rule is visible to rules, in sim ms */
  visibilityDelay: number;
  setMark(conn: Connection, mark: string): void;
  onListAdd?(list: string, address: number, created: boolean): void;
  /** `in-interface-list` / `out-interface-list`: whether the interface is a member of the list */
  inInterfaceList?(list: string, iface: string): boolean;
  /** `src-address-type` / `dst-address-type`: whether the address has that type on this router */
  addressType?(address: number, type: string): boolean;
  /** `action=fasttrack-connection` */
  fasttrack?(conn: Connection): void;
  /** NAT actions (masquerade, src-nat, dst-nat, redirect, netmap) on the connection */
  nat?(rule: FirewallRule, ctx: PacketContext): void;
};

const MAX_JUMP_DEPTH = 32;
const PROTOCOL_NUMBERS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp" };

type Frame = { chain: string; index: number };

/**
 * Runs `packets` identical packets through one built-in chain of a table, rule by rule, with RouterOS
 * semantics: jump/return into user chains, accept ends the chain, drop ends the packet. An nth rule can
 * split a batch: the packets it takes continue with its action, the others go on to the next rule.
 * The routing mark of the last packet stays in ctx (new connections send one packet). Returns the
 * packets dropped. `jumps`: the table has jump rules (else the walk allocates nothing per packet).
 */
export function runChain({
  rules,
  ctx,
  env,
  packets,
  bytesPerPacket,
  jumps = true,
}: {
  rules: RuleState[];
  ctx: PacketContext;
  env: MangleEnv;
  packets: number;
  bytesPerPacket: number;
  jumps?: boolean;
}): number {
  if (!jumps) return walkFlat(rules, 0, ctx, env, packets, bytesPerPacket);
  return walk({ rules, frames: [{ chain: ctx.chain, index: 0 }], ctx, env, packets, bytesPerPacket });
}

/** One chain, no user chains: the per-packet path of most balancing configs. */
function walkFlat(rules: RuleState[], start: number, ctx: PacketContext, env: MangleEnv, packets: number, bpp: number): number {
  let n = packets;
  let dropped = 0;
  for (let i = start; i < rules.length; i++) {
    const state = rules[i]!;
    const rule = state.rule;
    if (rule.disabled || state.unmodelled || rule.chain !== ctx.chain || !matches(rule, ctx, env)) continue;
    let taken = n;
    if (rule.nth !== undefined) {
      taken = nthTake(state, rule.nth, n);
      if (taken === 0) continue;
      // the packets this rule skips continue below it, unaffected by its action
      if (taken < n) dropped += walkFlat(rules, i + 1, { ...ctx }, env, n - taken, bpp);
    }
    n = taken;
    state.packets += n;
    state.bytes += n * bpp;
    const verdict = act(rule, ctx, env);
    if (verdict === "continue") continue;
    if (verdict === "drop") dropped += n;
    return dropped; // accept, drop, or return/jump in a table without user chains
  }
  return dropped;
}

function walk({
  rules,
  frames,
  ctx,
  env,
  packets,
  bytesPerPacket,
}: {
  rules: RuleState[];
  frames: Frame[];
  ctx: PacketContext;
  env: MangleEnv;
  packets: number;
  bytesPerPacket: number;
}): number {
  let n = packets;
  let dropped = 0;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    let next: "pop" | "push" = "pop";
    for (let i = frame.index; i < rules.length; i++) {
      const state = rules[i]!;
      const rule = state.rule;
      if (rule.disabled || state.unmodelled || rule.chain !== frame.chain || !matches(rule, ctx, env)) continue;
      let taken = n;
      if (rule.nth !== undefined) {
        taken = nthTake(state, rule.nth, n);
        if (taken === 0) continue;
        if (taken < n) {
          const rest = frames.map((f) => ({ ...f }));
          rest[rest.length - 1]!.index = i + 1;
          dropped += walk({ rules, frames: rest, ctx: { ...ctx }, env, packets: n - taken, bytesPerPacket });
        }
      }
      n = taken;
      state.packets += n;
      state.bytes += n * bytesPerPacket;
      const verdict = act(rule, ctx, env);
      if (verdict === "continue") continue;
      if (verdict === "accept") return dropped;
      if (verdict === "drop") return dropped + n;
      if (verdict === "return") break;
      // jump: carry on in the target chain, then after this rule
      frame.index = i + 1;
      if (frames.length < MAX_JUMP_DEPTH) {
        frames.push({ chain: rule.jumpTarget!, index: 0 });
        next = "push";
      }
      break;
    }
    if (next === "pop") frames.pop();
  }
  return dropped;
}

/** How many of the next n packets an nth=every,packet rule takes; advances its counter. */
function nthTake(state: RuleState, nth: { every: number; packet: number }, n: number): number {
  const { every, packet } = nth;
  const before = state.nthCount;
  const full = Math.floor(n / every);
  let taken = full;
  const rest = n - full * every;
  // positions before+1 .. before+rest (mod every, 1-based) are the partial group
  for (let k = 1; k <= rest; k++) if (((before + k - 1) % every) + 1 === packet) taken++;
  state.nthCount = (before + n) % every;
  return taken;
}

function inPorts(port: number, ranges: Array<[number, number]>): boolean {
  for (const [from, to] of ranges) if (port >= from && port <= to) return true;
  return false;
}

function hasType(env: MangleEnv, address: number, types: Set<string>): boolean {
  for (const type of types) if (env.addressType?.(address, type)) return true;
  return false;
}

export function matches(rule: FirewallRule, ctx: PacketContext, env: MangleEnv): boolean {
  if (rule.inInterface && (ctx.inInterface === rule.inInterface.value) === rule.inInterface.negate) return false;
  if (rule.outInterface && (ctx.outInterface === undefined || (ctx.outInterface === rule.outInterface.value) === rule.outInterface.negate))
    return false;
  if (rule.inInterfaceList && (env.inInterfaceList?.(rule.inInterfaceList.value, ctx.inInterface) ?? false) === rule.inInterfaceList.negate)
    return false;
  if (
    rule.outInterfaceList &&
    (ctx.outInterface === undefined ||
      (env.inInterfaceList?.(rule.outInterfaceList.value, ctx.outInterface) ?? false) === rule.outInterfaceList.negate)
  )
    return false;
  if (rule.srcAddress && inCidr(ctx.src, rule.srcAddress.value) === rule.srcAddress.negate) return false;
  if (rule.dstAddress && inCidr(ctx.dst, rule.dstAddress.value) === rule.dstAddress.negate) return false;
  if (rule.protocol && (ctx.protocol === (PROTOCOL_NUMBERS[rule.protocol.value] ?? rule.protocol.value)) === rule.protocol.negate)
    return false;
  if (rule.srcPort && inPorts(ctx.sport, rule.srcPort.value) === rule.srcPort.negate) return false;
  if (rule.dstPort && inPorts(ctx.dport, rule.dstPort.value) === rule.dstPort.negate) return false;
  if (rule.anyPort && (inPorts(ctx.sport, rule.anyPort.value) || inPorts(ctx.dport, rule.anyPort.value)) === rule.anyPort.negate)
    return false;
  if (rule.connectionState && rule.connectionState.value.has(ctx.state) === rule.connectionState.negate) return false;
  if (rule.connectionMark) {
    const mark = ctx.conn.mark === "" ? "no-mark" : ctx.conn.mark;
    if ((mark === rule.connectionMark.value) === rule.connectionMark.negate) return false;
  }
  if (rule.routingMark) {
    const mark = ctx.routingMark === "" ? "no-mark" : ctx.routingMark;
    if ((mark === rule.routingMark.value) === rule.routingMark.negate) return false;
  }
  if (rule.packetMark) {
    const mark = ctx.packetMark === undefined || ctx.packetMark === "" ? "no-mark" : ctx.packetMark;
    if ((mark === rule.packetMark.value) === rule.packetMark.negate) return false;
  }
  if (rule.srcAddressType && hasType(env, ctx.src, rule.srcAddressType.value) === rule.srcAddressType.negate) return false;
  if (rule.dstAddressType && hasType(env, ctx.dst, rule.dstAddressType.value) === rule.dstAddressType.negate) return false;
  if (rule.srcAddressList && env.lists.matches(rule.srcAddressList.value, ctx.src, env.now) === rule.srcAddressList.negate) return false;
  if (rule.dstAddressList && env.lists.matches(rule.dstAddressList.value, ctx.dst, env.now) === rule.dstAddressList.negate) return false;
  if (rule.pcc) {
    const hit = pccHash(rule.pcc.fields, ctx) % rule.pcc.denominator === rule.pcc.remainder;
    if (hit === rule.pcc.negate) return false;
  }
  if (rule.connectionNatState) {
    const wanted = rule.connectionNatState.value;
    const has = (wanted.has("srcnat") && ctx.conn.natAddress !== 0) || (wanted.has("dstnat") && ctx.conn.dstnat);
    if (has === rule.connectionNatState.negate) return false;
  }
  // no simulated traffic goes through IPsec
  if (rule.ipsecPolicy !== undefined && rule.ipsecPolicy.endsWith(",ipsec")) return false;
  return true;
}

type Verdict = "continue" | "accept" | "drop" | "jump" | "return";

/** Applies a matched rule's action. */
function act(rule: FirewallRule, ctx: PacketContext, env: MangleEnv): Verdict {
  switch (rule.action) {
    case "mark-connection":
      env.setMark(ctx.conn, rule.newConnectionMark!);
      return rule.passthrough ? "continue" : "accept";
    case "mark-routing":
      ctx.routingMark = rule.newRoutingMark!;
      return rule.passthrough ? "continue" : "accept";
    case "mark-packet":
      ctx.packetMark = rule.newPacketMark!;
      return rule.passthrough ? "continue" : "accept";
    case "change-mss":
    case "change-dscp":
    case "change-ttl":
      return rule.passthrough ? "continue" : "accept";
    case "add-src-to-address-list":
    case "add-dst-to-address-list": {
      const address = rule.action === "add-src-to-address-list" ? ctx.src : ctx.dst;
      const { created } = env.lists.addFromRule({
        list: rule.addressList!,
        address,
        timeoutMs: rule.addressListTimeoutMs,
        now: env.now,
        visibleAt: env.now + env.visibilityDelay,
      });
      env.onListAdd?.(rule.addressList!, address, created);
      return "continue";
    }
    case "fasttrack-connection":
      env.fasttrack?.(ctx.conn);
      return "continue";
    case "masquerade":
    case "src-nat":
    case "dst-nat":
    case "redirect":
    case "netmap":
      env.nat?.(rule, ctx);
      return "accept";
    case "accept":
      return "accept";
    case "drop":
    case "reject":
    case "tarpit":
      return "drop";
    case "jump":
      return "jump";
    case "return":
      return "return";
    default:
      return "continue"; // passthrough, log, notrack, sniff-*, clear-df...: count only
  }
}
