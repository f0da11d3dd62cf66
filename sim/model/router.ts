import type { ApiTimeouts, FaultState, LoginMode, Menu, RouterApi, Row } from "../protocol/router-api";
import { DiffFeed } from "./menus/diff-feed";
import type { SimClock } from "../engine/clock";
import { Dataplane } from "../engine/dataplane";
import { loadConfig } from "./export/load-config";
import { formatDate } from "./format";
import { addressListMenu } from "./menus/address-list-menu";
import { connectionMenu, connectionTrackingMenu } from "./menus/connection-menus";
import { firewallMenu } from "./menus/firewall-menus";
import { interfaceMenu } from "./menus/interface-menu";
import { ipAddressMenu } from "./menus/ip-address-menu";
import { routeMenu, routingTableMenu } from "./menus/route-menus";
import { systemIdentityMenu, systemResourceMenu } from "./menus/system-menus";
import { serviceMenu } from "./menus/service-menu";
import { dhcpNetworkMenu, dhcpServerMenu, leaseMenu } from "./menus/dhcp-menus";
import { netwatchMenu } from "./menus/netwatch-menu";
import { LeaseTable } from "./dhcp-leases";
import { Netwatch } from "./netwatch";
import { SERVICE_NAMES, SessionLedger, type ServiceName, type ServiceSettings } from "../protocol/session-ledger";
import type { ServiceConfig } from "./config";
import { printExport } from "./export/print-export";
import { PERSONALITIES, type Personality, type VersionName } from "./personality";

export type SimRouterOptions = {
  name: string;
  version: VersionName;
  /** the RouterOS export script that defines this router's behaviour */
  script: string;
  scriptSource?: string;
  clock: SimClock;
  /** wall-clock epoch ms that sim time 0 corresponds to (dates such as creation-time) */
  epochMs: number;
  /** sim ms per traffic ms: the router's clock runs this much faster than its clients */
  timeScale: number;
  /** traffic ms before a list entry added by a rule is visible to rules */
  listVisibilityDelayMs: number;
  user: string;
  password: string;
  /** API login and stalled-sentence timeouts in traffic (wall-clock) ms; 0 waits forever (docs/routeros-sessions.md) */
  apiTimeouts?: { loginMs?: number; sentenceMs?: number };
  /** load what can be modelled and report the rest (config.report) instead of refusing the export */
  lenient?: boolean;
  /** `/ip service` overrides for api and api-ssl (fleet file); they win over the export's settings */
  services?: ServiceOverrides;
};

export type ServiceOverrides = Partial<Record<ServiceName, Partial<ServiceSettings>>>;

export type SessionLogEntry = { at: number; event: "login" | "logout"; user: string; via: "api" | "api-ssl" };

/** A simulated RouterOS router: the behaviour comes from executing its export; menus present its state. */
export class SimRouter implements RouterApi {
  readonly name: string;
  readonly personality: Personality;
  readonly clock: SimClock;
  readonly dataplane: Dataplane;
  readonly user: string;
  readonly password: string;
  identity: string;
  bootAt: number;
  listVisibilityDelayMs: number;
  readonly timeScale: number;
  readonly sessionLog: SessionLogEntry[] = [];
  readonly sessions: SessionLedger;
  readonly scriptSource: string | undefined;
  private readonly timeouts: { loginMs: number; sentenceMs: number };
  readonly leases: LeaseTable;
  readonly netwatch: Netwatch;
  /** interface bytes per UTC day (router time) up to the last checkpoint; see usage() */
  private readonly usageDays: Record<string, Record<string, { rxByte: number; txByte: number }>> = {};
  private usageBase = new Map<string, { rxByte: number; txByte: number }>();
  /** `/ip service` settings that differ from the defaults, by item name (export, fleet file, API set) */
  private readonly services: Record<string, ServiceConfig> = {};
  logins = 0;
  private readonly epochMs: number;
  private readonly faultState: FaultState = { slowMs: 0, wrongPassword: false, dropMidReply: false, unreachable: false };
  private readonly menus: Map<string, Menu>;
  private readonly feeds: DiffFeed[] = [];
  private newTotalAtSample = 0;
  private load = 1;

  constructor(options: SimRouterOptions) {
    this.name = options.name;
    this.personality = PERSONALITIES[options.version];
    this.clock = options.clock;
    this.epochMs = options.epochMs;
    this.timeScale = options.timeScale;
    this.listVisibilityDelayMs = options.listVisibilityDelayMs;
    this.user = options.user;
    this.password = options.password;
    const config = loadConfig({
      script: options.script,
      routeStyle: this.personality.routeStyle,
      source: options.scriptSource,
      lenient: options.lenient,
    });
    this.scriptSource = options.scriptSource;
    this.timeouts = { loginMs: options.apiTimeouts?.loginMs ?? 60_000, sentenceMs: options.apiTimeouts?.sentenceMs ?? 60_000 };
    this.identity = config.identity ?? options.name;
    for (const name of SERVICE_NAMES) {
      const override = options.services?.[name];
      if (override) this.services[name] = { ...config.services[name], ...override };
    }
    for (const [name, s] of Object.entries(config.services)) this.services[name] ??= { ...s };
    const settings = (name: ServiceName): Partial<ServiceSettings> => {
      const s = this.services[name];
      return {
        ...(s?.maxSessions === undefined ? {} : { maxSessions: s.maxSessions }),
        ...(s?.disabled === undefined ? {} : { disabled: s.disabled }),
      };
    };
    this.sessions = new SessionLedger({ api: settings("api"), "api-ssl": settings("api-ssl") });
    this.bootAt = this.clock.now();
    this.dataplane = new Dataplane(config, this.clock);
    this.dataplane.visibilityDelay = this.visibilityDelaySim();
    this.dataplane.onStateChange = () => this.changed();
    this.leases = new LeaseTable(config, () => this.clock.now());
    this.netwatch = new Netwatch(config.netwatch, this.dataplane, this.clock, this.personality.routeStyle);
    const menus: Array<[string, Menu]> = [
      ["/system/resource", systemResourceMenu(this)],
      ["/system/identity", systemIdentityMenu(this)],
      ["/interface", interfaceMenu(this)],
      ["/ip/address", ipAddressMenu(this)],
      ["/ip/firewall/address-list", addressListMenu(this)],
      ["/ip/firewall/connection", connectionMenu(this)],
      ["/ip/firewall/connection/tracking", connectionTrackingMenu(this)],
      ["/ip/firewall/filter", firewallMenu(this, "filter")],
      ["/ip/firewall/mangle", firewallMenu(this, "mangle")],
      ["/ip/firewall/nat", firewallMenu(this, "nat")],
      ["/ip/firewall/raw", firewallMenu(this, "raw")],
      ["/ip/route", routeMenu(this)],
      ["/ip/service", serviceMenu(this, this.services)],
      ["/ip/dhcp-server", dhcpServerMenu(this)],
      ["/ip/dhcp-server/network", dhcpNetworkMenu(this)],
      ["/ip/dhcp-server/lease", leaseMenu(this, this.leases)],
      ["/tool/netwatch", netwatchMenu(this, this.netwatch)],
    ];
    if (this.personality.routeStyle === "v7") menus.push(["/routing/table", routingTableMenu(this)]);
    this.menus = new Map(menus);
    this.scheduleSample();
    this.netwatch.start();
    this.scheduleMidnight();
  }

  version(): string {
    return this.personality.version;
  }

  /** A change feed over a small menu's rows (see DiffFeed), checked whenever the router may have changed. */
  feed(rows: () => Row[], volatile?: ReadonlySet<string>): DiffFeed {
    const feed = new DiffFeed(rows, volatile);
    this.feeds.push(feed);
    return feed;
  }

  /** Something may have changed (an API write, a link or gateway event, the once-a-second sample). */
  changed(): void {
    for (const feed of this.feeds) feed.check();
  }

  /** Session timeouts run on the router's clock, at traffic pace like the clients (see timeScale). */
  apiTimeouts(): ApiTimeouts {
    return {
      loginTimeoutMs: this.timeouts.loginMs,
      sentenceTimeoutMs: this.timeouts.sentenceMs,
      after: (ms, run) => this.clock.after(ms * this.timeScale, run),
    };
  }

  afterCommand(): void {
    this.changed();
  }

  loginMode(): LoginMode {
    return this.personality.loginMode;
  }

  sendsEmpty(): boolean {
    return this.personality.sendsEmpty;
  }

  checkCredentials(user: string, password: string): boolean {
    return !this.faultState.wrongPassword && user === this.user && password === this.password;
  }

  /** The challenge login (pre-6.43) hashes the stored password, so the protocol layer needs it. */
  passwordOf(user: string): string | undefined {
    return this.faultState.wrongPassword || user !== this.user ? undefined : this.password;
  }

  menu(path: string): Menu | undefined {
    return this.menus.get(path);
  }

  faults(): FaultState {
    return this.faultState;
  }

  /** dropMidReply cuts one reply, as a flaky link would, then the router behaves again. */
  faultFired(fault: "dropMidReply"): void {
    if (fault === "dropMidReply") this.faultState.dropMidReply = false;
  }

  logSession(event: "login" | "logout", user: string, via: "api" | "api-ssl"): void {
    if (event === "login") this.logins++;
    this.sessionLog.push({ at: this.clock.now(), event, user, via });
    if (this.sessionLog.length > 1000) this.sessionLog.splice(0, this.sessionLog.length - 1000);
  }

  serviceSettings(): Readonly<Record<string, ServiceConfig>> {
    return this.services;
  }

  /** The configuration as `/export` prints it now (rules, routes and lists as edited over the API). */
  exportConfig(): string {
    return printExport(this, this.clock.now());
  }

  uptimeMs(): number {
    return this.clock.now() - this.bootAt;
  }

  /** A sim time as wall-clock ISO text (UTC), for ground truth. */
  isoTime(simMs: number): string {
    return new Date(this.epochMs + simMs).toISOString();
  }

  /** A sim time as this version prints dates. */
  date(simMs: number): string {
    return formatDate(this.epochMs + simMs, this.personality.dateStyle);
  }

  visibilityDelaySim(): number {
    return this.listVisibilityDelayMs * this.timeScale;
  }

  setListVisibilityDelay(ms: number): void {
    this.listVisibilityDelayMs = ms;
    this.dataplane.visibilityDelay = this.visibilityDelaySim();
  }

  cpuLoad(): number {
    return this.load;
  }

  /** RAM state gone, uptime restarts; the fleet also drops the API sessions. */
  reboot(): void {
    this.checkpointUsage(this.clock.now());
    this.dataplane.reboot();
    this.usageBase = new Map();
    this.bootAt = this.clock.now();
    this.newTotalAtSample = 0;
    this.leases.rebind();
    this.netwatch.reset();
  }

  /** Bytes per interface per UTC day of router time, today's so far included (counters reset on reboot). */
  usage(): Record<string, Record<string, { rxByte: number; txByte: number }>> {
    const out = structuredClone(this.usageDays);
    this.addUsage(out, this.dayOf(this.clock.now()), false);
    return out;
  }

  private dayOf(simMs: number): string {
    return new Date(this.epochMs + simMs).toISOString().slice(0, 10);
  }

  private addUsage(into: typeof this.usageDays, day: string, advanceBase: boolean): void {
    const bucket = (into[day] ??= {});
    for (const iface of this.dataplane.interfaces.values()) {
      const base = this.usageBase.get(iface.name) ?? { rxByte: 0, txByte: 0 };
      const slot = (bucket[iface.name] ??= { rxByte: 0, txByte: 0 });
      slot.rxByte += iface.rxByte - base.rxByte;
      slot.txByte += iface.txByte - base.txByte;
      if (advanceBase) this.usageBase.set(iface.name, { rxByte: iface.rxByte, txByte: iface.txByte });
    }
  }

  /** Bytes so far go to the day they were counted in (the day that ends at a midnight checkpoint). */
  private checkpointUsage(simMs: number): void {
    this.addUsage(this.usageDays, this.dayOf(simMs - 1), true);
  }

  private scheduleMidnight(): void {
    const wall = this.epochMs + this.clock.now();
    const next = Math.floor(wall / 86_400_000 + 1) * 86_400_000 - this.epochMs;
    this.clock.at(next, () => {
      this.checkpointUsage(next);
      this.scheduleMidnight();
    });
  }

  /** Once per traffic-second: interface rates for monitor-traffic and a CPU load that follows the traffic. */
  private scheduleSample(): void {
    const period = 1000 * this.timeScale;
    this.clock.after(period, () => {
      for (const iface of this.dataplane.interfaces.values()) iface.takeSample(1);
      this.changed();
      const total = this.dataplane.newStats.total;
      this.load = Math.min(100, Math.round(1 + (total - this.newTotalAtSample) / 40 + this.dataplane.conns.size / 5000));
      this.newTotalAtSample = total;
      this.scheduleSample();
    });
  }
}
