import type { FirewallRule, FirewallTable, RouterConfig } from "../model/config";
import { AddressListStore, type ListEntry } from "./address-lists";
import type { SimClock } from "./clock";
import type { Connection } from "./connection";
import { ConnTable } from "./conntrack";
import { createRuleState, resetCounters, type RuleState } from "./firewall-rule-state";
import { InterfaceState } from "./interface-state";
import { inCidr, parseCidr, parseIp } from "./ip";
import { runChain, type MangleEnv, type PacketContext } from "./mangle";
import { Routing } from "./routing";

const DAY = 86_400_000;
const SYN_SENT_TIMEOUT = 5_000;
const CLOSE_TIMEOUT = 10_000;
const UDP_TIMEOUT = 10_000;
const UDP_STREAM_TIMEOUT = 180_000;
const PING_FAILURES_TO_DOWN = 20_000; // check-gateway pings every 10 s and gives up after two misses

export type TransferAmount = { upBytes: number; upPackets: number; downBytes: number; downPackets: number };

export type NewConnectionStats = {
  total: number;
  byMark: Record<string, number>;
  byInterface: Record<string, number>;
  unroutable: number;
  /** first packets dropped by /ip firewall raw or filter */
  dropped: number;
};

const TABLES: readonly FirewallTable[] = ["mangle", "nat", "filter", "raw"];

/**
 * The forwarding path of one router: mangle (prerouting → routing decision → forward → postrouting),
 * srcnat, connection tracking and interface counters. The first packet of a connection walks every
 * rule; later traffic walks them in batches so counters of rules that match established packets add up.
 */
export class Dataplane {
  readonly lists: AddressListStore;
  readonly conns: ConnTable;
  /** the four firewall tables, in print order; rules are edited in place (API add/set/move/remove) */
  readonly firewall: Record<FirewallTable, RuleState[]>;
  readonly routing: Routing;
  readonly interfaces = new Map<string, InterfaceState>();
  /** `/interface list` members by list name */
  readonly interfaceLists = new Map<string, Set<string>>();
  /** chains that have at least one rule, per table: empty chains cost nothing per packet */
  private chains: Record<FirewallTable, Set<string>> = { mangle: new Set(), nat: new Set(), filter: new Set(), raw: new Set() };
  /** tables with jump rules walk user chains; the others take the allocation-free path */
  private jumps: Record<FirewallTable, boolean> = { mangle: false, nat: false, filter: false, raw: false };
  private nextRuleId = 1;
  newStats: NewConnectionStats = emptyStats();
  /** sim ms a new list entry stays invisible to rules */
  visibilityDelay = 0;
  /** gateways whose upstream stopped answering: traffic through them gets no reply */
  readonly upstreamDown = new Set<string>();
  private expiryTimers = new Map<number, { cancel(): void }>();
  /** links, gateways or routes changed: the router re-checks its change feeds */
  onStateChange: (() => void) | undefined;
  private readonly env: MangleEnv;

  constructor(
    readonly config: RouterConfig,
    private readonly clock: SimClock,
  ) {
    const now = clock.now();
    this.lists = new AddressListStore(
      (entry) => this.scheduleExpiry(entry),
      (name) => resolveName(config, name),
    );
    this.conns = new ConnTable(() => clock.now());
    const firewall = {} as Record<FirewallTable, RuleState[]>;
    for (const table of TABLES) firewall[table] = config[table].map((rule) => createRuleState(this.nextRuleId++, rule));
    this.firewall = firewall;
    this.rulesChanged();
    expandWanClients(config);
    // interfaces the export defines first (with their types), then every name it refers to
    for (const i of config.interfaces) this.addInterface(i.name, i.type, now, i.defaultName).disabled = i.disabled;
    const names = new Set<string>(config.addresses.map((a) => a.interface));
    for (const table of TABLES) {
      for (const rule of config[table]) {
        if (rule.inInterface) names.add(rule.inInterface.value);
        if (rule.outInterface) names.add(rule.outInterface.value);
      }
    }
    for (const m of config.interfaceListMembers) names.add(m.interface);
    for (const p of config.bridgePorts) names.add(p.interface);
    for (const name of names) if (!this.interfaces.has(name)) this.addInterface(name, undefined, now);
    for (const list of config.interfaceLists) this.interfaceLists.set(list.name, new Set());
    for (const m of config.interfaceListMembers) {
      if (m.disabled) continue;
      let members = this.interfaceLists.get(m.list);
      if (members === undefined) this.interfaceLists.set(m.list, (members = new Set()));
      members.add(m.interface);
    }
    this.routing = new Routing(config.routes, config.addresses, this.interfaces, 1);
    this.routing.now = () => clock.now();
    for (const e of config.addressLists) {
      this.lists.addStatic({
        list: e.list,
        address: e.address,
        timeoutMs: e.timeoutMs,
        comment: e.comment,
        disabled: e.disabled,
        dynamic: e.dynamic,
        now,
        visibleAt: now,
      });
    }
    this.env = {
      lists: this.lists,
      now,
      visibilityDelay: 0,
      setMark: (conn, mark) => this.conns.setMark(conn, mark),
      inInterfaceList: (list, iface) => list === "all" || (this.interfaceLists.get(list)?.has(iface) ?? false),
      addressType: (address, type) => this.addressType(address, type),
      fasttrack: (conn) => {
        conn.fasttrack = true;
        this.conns.touch(conn);
      },
      nat: (rule, ctx) => this.applyNat(rule, ctx),
    };
  }

  get mangle(): RuleState[] {
    return this.firewall.mangle;
  }

  get nat(): RuleState[] {
    return this.firewall.nat;
  }

  /** A new rule's state: counters and nth at zero, an id never used before on this router. */
  newRule(rule: FirewallRule): RuleState {
    return createRuleState(this.nextRuleId++, rule);
  }

  /** After any edit of a firewall table: which chains have rules. */
  rulesChanged(): void {
    for (const table of TABLES) {
      this.chains[table] = new Set(this.firewall[table].map((s) => s.rule.chain));
      this.jumps[table] = this.firewall[table].some((s) => s.rule.action === "jump");
    }
  }

  private addInterface(name: string, type: string | undefined, now: number, defaultName?: string): InterfaceState {
    const n = this.interfaces.size + 1;
    const iface = new InterfaceState(n, name, mac(n), now, type);
    iface.defaultName = defaultName;
    this.interfaces.set(name, iface);
    return iface;
  }

  /** The interface whose subnet holds a client address (the LAN side of its traffic). */
  lanInterfaceOf(address: number): string | undefined {
    return this.config.addresses.find((a) => inCidr(address, a.cidr))?.interface;
  }

  /** A client's first packet: classify, route, masquerade, track. */
  openConnection({
    protocol,
    src,
    sport,
    dst,
    dport,
    lan,
  }: {
    protocol: "tcp" | "udp";
    src: number;
    sport: number;
    dst: number;
    dport: number;
    lan: string;
  }): Connection {
    const now = this.clock.now();
    const env = this.refreshEnv(now);
    const conn = this.conns.open({ protocol, src, sport, dst, dport });
    const bytes = protocol === "tcp" ? 60 : 74;
    const ctx: PacketContext = {
      chain: "prerouting",
      inInterface: lan,
      src,
      dst,
      sport,
      dport,
      protocol,
      state: "new",
      conn,
      routingMark: "",
    };
    this.newStats.total++;
    this.interfaces.get(lan)?.receive(bytes, 1);
    conn.origBytes = bytes;
    conn.origPackets = 1;
    conn.lastSeen = now;
    // raw sees the packet before connection tracking: a drop there leaves no connection behind
    if (this.run("raw", ctx, env, 1, bytes) > 0) {
      this.newStats.dropped++;
      bump(this.newStats.byMark, "");
      this.conns.remove(conn);
      return conn;
    }
    this.run("mangle", ctx, env, 1, bytes);
    if (this.chains.nat.has("dstnat")) this.run("nat", { ...ctx, chain: "dstnat" }, env, 1, bytes);
    const route = this.routing.lookup(ctx.routingMark);
    bump(this.newStats.byMark, conn.mark);
    if (route === undefined || route.via === undefined) {
      this.newStats.unroutable++;
      conn.expiresAt = now + SYN_SENT_TIMEOUT;
      this.scheduleConnExpiry(conn);
      return conn;
    }
    const out = route.via;
    conn.outInterface = out;
    if (this.forward({ ctx, env, out, packets: 1, bytes }) > 0) {
      this.newStats.dropped++;
      conn.expiresAt = now + SYN_SENT_TIMEOUT;
      this.scheduleConnExpiry(conn);
      return conn;
    }
    bump(this.newStats.byInterface, out);
    // ctx is not read after NAT: reuse it rather than copy it per connection
    ctx.chain = "srcnat";
    ctx.outInterface = out;
    this.run("nat", ctx, env, 1, bytes);
    this.interfaces.get(out)?.send(bytes, 1);
    if (this.upstreamDown.has(route.config.gateway)) {
      conn.expiresAt = now + SYN_SENT_TIMEOUT;
      this.scheduleConnExpiry(conn);
      return conn;
    }
    // the reply: SYN-ACK (or the first UDP answer) comes back in on the WAN
    conn.seenReply = true;
    conn.tcpState = "established";
    conn.replBytes = bytes;
    conn.replPackets = 1;
    this.interfaces.get(out)?.receive(bytes, 1);
    this.interfaces.get(lan)?.send(bytes, 1);
    conn.expiresAt = now + (protocol === "tcp" ? DAY : UDP_TIMEOUT);
    return conn;
  }

  /** Bulk traffic of an established connection since the last call. */
  transfer(conn: Connection, amount: TransferAmount, lan: string, elapsedMs: number): void {
    if (conn.removed || !conn.seenReply) return;
    const out = this.interfaces.get(conn.outInterface);
    if (out === undefined || !out.running) return; // link gone: the connection stalls until it times out
    const now = this.clock.now();
    const env = this.refreshEnv(now);
    if (amount.upPackets > 0) {
      const ctx: PacketContext = {
        chain: "prerouting",
        inInterface: lan,
        src: conn.src,
        dst: conn.dst,
        sport: conn.sport,
        dport: conn.dport,
        protocol: conn.protocol,
        state: "established",
        conn,
        routingMark: "",
      };
      const bpp = amount.upBytes / amount.upPackets;
      // fasttracked packets bypass the firewall: mangle counters undercount them, as on RouterOS
      if (!conn.fasttrack) {
        this.run("raw", ctx, env, amount.upPackets, bpp);
        this.run("mangle", ctx, env, amount.upPackets, bpp);
        this.forward({ ctx, env, out: conn.outInterface, packets: amount.upPackets, bytes: bpp });
      }
      this.interfaces.get(lan)?.receive(amount.upBytes, amount.upPackets);
      out.send(amount.upBytes, amount.upPackets);
    }
    if (amount.downPackets > 0) {
      const ctx: PacketContext = {
        chain: "prerouting",
        inInterface: conn.outInterface,
        src: conn.dst,
        dst: conn.natAddress || conn.src,
        sport: conn.dport,
        dport: conn.sport,
        protocol: conn.protocol,
        state: "established",
        conn,
        routingMark: "",
      };
      const bpp = amount.downBytes / amount.downPackets;
      if (!conn.fasttrack) {
        this.run("raw", ctx, env, amount.downPackets, bpp);
        this.run("mangle", ctx, env, amount.downPackets, bpp);
        this.forward({ ctx, env, out: lan, packets: amount.downPackets, bytes: bpp });
      }
      out.receive(amount.downBytes, amount.downPackets);
      this.interfaces.get(lan)?.send(amount.downBytes, amount.downPackets);
    }
    conn.origBytes += amount.upBytes;
    conn.origPackets += amount.upPackets;
    conn.replBytes += amount.downBytes;
    conn.replPackets += amount.downPackets;
    const seconds = Math.max(elapsedMs, 1) / 1000;
    conn.origRate = Math.round((amount.upBytes * 8) / seconds);
    conn.replRate = Math.round((amount.downBytes * 8) / seconds);
    conn.assured = conn.assured || conn.replPackets > 1;
    conn.lastSeen = now;
    conn.expiresAt = now + (conn.protocol === "tcp" ? DAY : conn.assured ? UDP_STREAM_TIMEOUT : UDP_TIMEOUT);
    this.conns.touch(conn);
  }

  /** The client ends the connection: TCP goes through FIN to time-wait, UDP just times out. */
  close(conn: Connection): void {
    if (conn.removed) return;
    const now = this.clock.now();
    if (conn.protocol === "tcp" && conn.seenReply) conn.tcpState = "time-wait";
    conn.origRate = conn.replRate = 0;
    conn.expiresAt = now + (conn.protocol === "tcp" ? CLOSE_TIMEOUT : conn.assured ? UDP_STREAM_TIMEOUT : UDP_TIMEOUT);
    this.conns.touch(conn);
    this.scheduleConnExpiry(conn);
  }

  /** Link of a WAN (or any) interface goes down or comes back. */
  setLink(name: string, running: boolean): void {
    const iface = this.interfaces.get(name);
    if (iface === undefined || iface.running === running) return;
    iface.running = running;
    if (!running) iface.linkDowns++;
    else iface.lastLinkUp = this.clock.now();
    this.routing.recompute(running ? "link-up" : "link-down");
    this.onStateChange?.();
  }

  /** The upstream gateway stops (or resumes) answering; check-gateway=ping routes notice after two missed pings. */
  setUpstream(gateway: string, up: boolean): void {
    if (up) {
      this.upstreamDown.delete(gateway);
      this.routing.pingFailing.delete(gateway);
      this.routing.recompute("gateway-answers");
      this.onStateChange?.();
      return;
    }
    this.upstreamDown.add(gateway);
    this.clock.after(PING_FAILURES_TO_DOWN, () => {
      if (!this.upstreamDown.has(gateway)) return;
      this.routing.pingFailing.add(gateway);
      this.routing.recompute("check-gateway");
      this.onStateChange?.();
    });
  }

  /** Reboot: RAM state is gone (connections, dynamic entries, counters); config stays. */
  reboot(): void {
    this.conns.clear();
    this.lists.dropDynamic();
    for (const timer of this.expiryTimers.values()) timer.cancel();
    this.expiryTimers.clear();
    for (const table of TABLES) resetCounters(this.firewall[table]);
    for (const iface of this.interfaces.values()) iface.resetCounters();
    this.newStats = emptyStats();
    this.routing.renumber();
  }

  private refreshEnv(now: number): MangleEnv {
    this.env.now = now;
    this.env.visibilityDelay = this.visibilityDelay;
    return this.env;
  }

  /** One built-in chain of a table; returns the packets dropped. Skips tables with no rule in that chain. */
  private run(table: FirewallTable, ctx: PacketContext, env: MangleEnv, packets: number, bytesPerPacket: number): number {
    if (!this.chains[table].has(ctx.chain)) return 0;
    return runChain({ rules: this.firewall[table], ctx, env, packets, bytesPerPacket, jumps: this.jumps[table] });
  }

  /** After the routing decision: mangle forward, filter forward, mangle postrouting. Returns packets dropped. */
  private forward({
    ctx,
    env,
    out,
    packets,
    bytes,
  }: {
    ctx: PacketContext;
    env: MangleEnv;
    out: string;
    packets: number;
    bytes: number;
  }): number {
    // the seed's recipe has prerouting rules only: most packets take this exit, allocating nothing
    const { mangle, filter } = this.chains;
    if (!mangle.has("forward") && !mangle.has("postrouting") && !filter.has("forward")) return 0;
    const routed = { ...ctx, outInterface: out };
    this.run("mangle", { ...routed, chain: "forward" }, env, packets, bytes);
    const dropped = this.run("filter", { ...routed, chain: "forward" }, env, packets, bytes);
    if (dropped >= packets) return dropped;
    this.run("mangle", { ...routed, chain: "postrouting" }, env, packets - dropped, bytes);
    return dropped;
  }

  /** NAT actions: masquerade takes the out-interface's address, src-nat its to-addresses. */
  private applyNat(rule: FirewallRule, ctx: PacketContext): void {
    const conn = ctx.conn;
    if (rule.action === "masquerade")
      conn.natAddress = this.config.addresses.find((a) => a.interface === ctx.outInterface && !a.disabled)?.address ?? 0;
    else if (rule.action === "src-nat" || (rule.action === "netmap" && ctx.chain === "srcnat"))
      conn.natAddress = parseIp((rule.toAddresses ?? "").split(/[-/]/)[0] ?? "") ?? 0;
    else conn.dstnat = true;
  }

  /** dst-address-type / src-address-type as RouterOS classifies addresses for this router. */
  private addressType(address: number, type: string): boolean {
    const multicast = address >>> 28 === 0xe;
    const broadcast =
      address === 0xffffffff ||
      this.config.addresses.some((a) => a.cidr.prefix < 31 && (address | a.cidr.mask) >>> 0 === 0xffffffff && inCidr(address, a.cidr));
    switch (type) {
      case "local":
        return this.config.addresses.some((a) => !a.disabled && a.address === address);
      case "broadcast":
        return broadcast;
      case "multicast":
        return multicast;
      case "unicast":
        return !broadcast && !multicast;
      default:
        return false; // blackhole, prohibit, unreachable: no such routes are simulated
    }
  }

  private scheduleConnExpiry(conn: Connection): void {
    this.clock.at(conn.expiresAt, () => {
      if (conn.removed) return;
      if (conn.expiresAt <= this.clock.now()) this.conns.remove(conn);
      else this.scheduleConnExpiry(conn);
    });
  }

  private scheduleExpiry(entry: ListEntry): void {
    if (entry.expiresAt === undefined) return;
    this.expiryTimers.get(entry.id)?.cancel();
    this.expiryTimers.set(
      entry.id,
      this.clock.at(entry.expiresAt, () => {
        this.expiryTimers.delete(entry.id);
        const current = this.lists.get(entry.id);
        if (current === entry && entry.expiresAt !== undefined && entry.expiresAt <= this.clock.now()) this.lists.remove(entry.id);
        else if (current === entry) this.scheduleExpiry(entry);
      }),
    );
  }
}

/**
 * DHCP and PPPoE clients on WAN ports get what an ISP would hand out, from fixed in-simulator ranges
 * (100.64.N.0/24 for DHCP, 100.65.N.x for PPPoE): an address and, unless add-default-route=no, a
 * dynamic default route. Model data only: nothing is ever sent to these addresses.
 */
function expandWanClients(config: RouterConfig): void {
  config.wanClients.forEach((client, index) => {
    if (client.disabled) return;
    const n = index + 1;
    const dhcp = client.kind === "dhcp";
    const text = dhcp ? `100.64.${n}.2/24` : `100.65.${n}.2/32`;
    const cidr = parseCidr(dhcp ? text : `100.65.${n}.0/30`)!;
    config.addresses.push({
      address: parseIp(dhcp ? `100.64.${n}.2` : `100.65.${n}.2`)!,
      cidr,
      text,
      network: dhcp ? `100.64.${n}.0` : `100.65.${n}.1`,
      interface: client.interface,
      disabled: false,
      dynamic: true,
    });
    if (!client.addDefaultRoute) return;
    const gateway = dhcp ? `100.64.${n}.1` : client.interface;
    config.routes.push({
      dst: parseCidr("0.0.0.0/0")!,
      gateway,
      distance: client.distance,
      scope: 30,
      targetScope: 10,
      table: "main",
      disabled: false,
      params: { "dst-address": "0.0.0.0/0", gateway, distance: String(client.distance) },
      dynamic: true,
    });
  });
}

/** The simulator's DNS: /ip dns static first, else one or two stable addresses in 203.0.113.0/24 (TEST-NET-3). */
function resolveName(config: RouterConfig, name: string): number[] {
  const fromStatic = config.dnsStatic.filter((d) => d.name === name).map((d) => parseIp(d.address)!);
  if (fromStatic.length > 0) return fromStatic;
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  const base = 0xcb007100; // 203.0.113.0
  const first = base + 1 + (h % 250);
  return h % 3 === 0 ? [first, base + 1 + ((first + 1 - base) % 250)] : [first];
}

function emptyStats(): NewConnectionStats {
  return { total: 0, byMark: {}, byInterface: {}, unroutable: 0, dropped: 0 };
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function mac(n: number): string {
  return `4C:5E:0C:00:00:${n.toString(16).toUpperCase().padStart(2, "0")}`;
}
