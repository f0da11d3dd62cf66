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
};

export type MangleEnv = {
  lists: AddressListStore;
  now: number;
  /** delay before an entry added by a rule is visible to rules, in sim ms */
  visibilityDelay: number;
  setMark(conn: Connection, mark: string): void;
  onListAdd?(list: string, address: number, created: boolean): void;
};

/**
 * Runs `packets` identical packets through one chain, rule by rule, with RouterOS semantics.
 * An nth rule can split a batch: the packets it takes continue with its action, the others go on
 * to the next rule. Returns the routing mark of the last packet (new connections send one packet).
 */
export function runChain({
  rules,
  ctx,
  env,
  packets,
  bytesPerPacket,
}: {
  rules: RuleState[];
  ctx: PacketContext;
  env: MangleEnv;
  packets: number;
  bytesPerPacket: number;
}): string {
  walk({ rules, start: 0, ctx, env, packets, bytesPerPacket });
  return ctx.routingMark;
}

function walk({
  rules,
  start,
  ctx,
  env,
  packets,
  bytesPerPacket,
}: {
  rules: RuleState[];
  start: number;
  ctx: PacketContext;
  env: MangleEnv;
  packets: number;
  bytesPerPacket: number;
}): void {
  let n = packets;
  for (let i = start; i < rules.length; i++) {
    const state = rules[i]!;
    const rule = state.rule;
    if (rule.disabled || rule.chain !== ctx.chain || !matches(rule, ctx, env)) continue;
    let taken = n;
    if (rule.nth !== undefined) {
      taken = nthTake(state, rule.nth, n);
      if (taken === 0) continue;
      if (taken < n) {
        // the packets this rule skips continue below it, unaffected by its action
        walk({ rules, start: i + 1, ctx: { ...ctx }, env, packets: n - taken, bytesPerPacket });
      }
    }
    n = taken;
    state.packets += n;
    state.bytes += n * bytesPerPacket;
    if (!act(rule, ctx, env)) return;
  }
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

function matches(rule: FirewallRule, ctx: PacketContext, env: MangleEnv): boolean {
  if (rule.inInterface && (ctx.inInterface === rule.inInterface.value) === rule.inInterface.negate) return false;
  if (rule.outInterface && (ctx.outInterface === undefined || (ctx.outInterface === rule.outInterface.value) === rule.outInterface.negate))
    return false;
  if (rule.srcAddress && inCidr(ctx.src, rule.srcAddress.value) === rule.srcAddress.negate) return false;
  if (rule.dstAddress && inCidr(ctx.dst, rule.dstAddress.value) === rule.dstAddress.negate) return false;
  if (rule.protocol && (ctx.protocol === rule.protocol.value) === rule.protocol.negate) return false;
  if (rule.connectionState && rule.connectionState.value.has(ctx.state) === rule.connectionState.negate) return false;
  if (rule.connectionMark) {
    const mark = ctx.conn.mark === "" ? "no-mark" : ctx.conn.mark;
    if ((mark === rule.connectionMark.value) === rule.connectionMark.negate) return false;
  }
  if (rule.routingMark) {
    const mark = ctx.routingMark === "" ? "no-mark" : ctx.routingMark;
    if ((mark === rule.routingMark.value) === rule.routingMark.negate) return false;
  }
  if (rule.srcAddressList && env.lists.matches(rule.srcAddressList.value, ctx.src, env.now) === rule.srcAddressList.negate) return false;
  if (rule.dstAddressList && env.lists.matches(rule.dstAddressList.value, ctx.dst, env.now) === rule.dstAddressList.negate) return false;
  if (rule.pcc) {
    const hit = pccHash(rule.pcc.fields, ctx) % rule.pcc.denominator === rule.pcc.remainder;
    if (hit === rule.pcc.negate) return false;
  }
  return true;
}

/** Applies a matched rule's action; returns whether the packet goes on to the next rule. */
function act(rule: FirewallRule, ctx: PacketContext, env: MangleEnv): boolean {
  switch (rule.action) {
    case "mark-connection":
      env.setMark(ctx.conn, rule.newConnectionMark!);
      return rule.passthrough;
    case "mark-routing":
      ctx.routingMark = rule.newRoutingMark!;
      return rule.passthrough;
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
      return true;
    }
    case "accept":
      return false;
    default:
      return true; // passthrough: count only
  }
}
