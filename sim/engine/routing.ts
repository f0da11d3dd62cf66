import type { AddressConfig, RouteConfig } from "../model/config";
import { inCidr, parseIp } from "./ip";

export type InterfaceLink = { running: boolean; disabled: boolean };

/** Why route selection changed, for the failover history. */
export type RouteChangeReason = "check-gateway" | "link-down" | "link-up" | "gateway-answers" | "config" | "reboot";

/** The route serving a table's destination changed (undefined: none). Times are sim ms. */
export type FailoverEvent = {
  at: number;
  table: string;
  dst: string;
  from: { id: number; gateway: string; via?: string } | undefined;
  to: { id: number; gateway: string; via?: string } | undefined;
  reason: RouteChangeReason;
};

const HISTORY_LIMIT = 10_000;

export type RouteState = {
  id: number;
  config: RouteConfig;
  gatewayIp?: number;
  /** interface the gateway is reached through, when reachable */
  via?: string;
  reachable: boolean;
  active: boolean;
};

/**
 * Static routes with RouterOS selection: a route is reachable when its gateway sits in a connected
 * subnet of a running interface (and answers pings when check-gateway=ping); per table and destination
 * the reachable route with the lowest distance is active. Marked traffic with no active route in its
 * table falls back to the main table.
 */
export class Routing {
  routes: RouteState[];
  /** gateways that stopped answering upstream (fault "upstream"): check-gateway=ping notices */
  pingFailing = new Set<string>();
  /** every change of the active route per table and destination, oldest first (bounded) */
  readonly history: FailoverEvent[] = [];
  /** the clock for history timestamps */
  now: () => number = () => 0;
  private nextId: number;

  constructor(
    configs: RouteConfig[],
    private readonly addresses: AddressConfig[],
    private readonly links: Map<string, InterfaceLink>,
    firstId: number,
  ) {
    this.nextId = firstId;
    this.routes = configs.map((config) => this.state(config));
    this.recompute();
    this.history.length = 0; // the selection at boot is no change
  }

  /** A reboot gives every route a new .id (RouterOS does; pollers must not key routes by it). */
  renumber(): void {
    for (const route of this.routes) route.id = this.nextId++;
  }

  /** API add: the new route takes part in selection at once; ids are never reused. */
  add(config: RouteConfig): RouteState {
    const route = this.state(config);
    this.routes.push(route);
    this.recompute();
    return route;
  }

  /** API set: same id, new configuration. */
  replace(route: RouteState, config: RouteConfig): void {
    route.config = config;
    route.gatewayIp = parseIp(config.gateway);
    this.recompute();
  }

  remove(route: RouteState): void {
    this.routes.splice(this.routes.indexOf(route), 1);
    this.recompute();
  }

  private state(config: RouteConfig): RouteState {
    return { id: this.nextId++, config, gatewayIp: parseIp(config.gateway), reachable: false, active: false };
  }

  recompute(reason: RouteChangeReason = "config"): void {
    const before = new Map<string, RouteState>();
    for (const route of this.routes) if (route.active) before.set(keyOf(route), route);
    for (const route of this.routes) {
      route.via = this.resolveVia(route);
      route.reachable =
        !route.config.disabled &&
        route.via !== undefined &&
        !(route.config.checkGateway === "ping" && this.pingFailing.has(route.config.gateway));
      route.active = false;
    }
    const best = new Map<string, RouteState>();
    for (const route of this.routes) {
      if (!route.reachable) continue;
      const key = keyOf(route);
      const current = best.get(key);
      if (current === undefined || route.config.distance < current.config.distance) best.set(key, route);
    }
    for (const route of best.values()) route.active = true;
    for (const key of new Set([...before.keys(), ...best.keys()])) {
      const from = before.get(key);
      const to = best.get(key);
      if (from === to) continue;
      const sample = (to ?? from)!;
      const describe = (r: RouteState | undefined) => (r === undefined ? undefined : { id: r.id, gateway: r.config.gateway, via: r.via });
      this.history.push({ at: this.now(), table: sample.config.table, dst: dstOf(sample), from: describe(from), to: describe(to), reason });
    }
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
  }

  /** The active default route for a routing mark / table, falling back to main. */
  lookup(table: string): RouteState | undefined {
    const inTable = this.activeDefault(table === "" ? "main" : table);
    return inTable ?? (table === "" || table === "main" ? undefined : this.activeDefault("main"));
  }

  private activeDefault(table: string): RouteState | undefined {
    for (const route of this.routes) if (route.active && route.config.table === table && route.config.dst.prefix === 0) return route;
    return undefined;
  }

  private resolveVia(route: RouteState): string | undefined {
    if (route.gatewayIp === undefined) {
      const link = this.links.get(route.config.gateway);
      return link && link.running && !link.disabled ? route.config.gateway : undefined;
    }
    for (const a of this.addresses) {
      if (a.disabled || !inCidr(route.gatewayIp, a.cidr)) continue;
      const link = this.links.get(a.interface);
      if (link && link.running && !link.disabled) return a.interface;
    }
    return undefined;
  }
}

function dstOf(route: RouteState): string {
  const { network, prefix } = route.config.dst;
  return `${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.${network & 255}/${prefix}`;
}

function keyOf(route: RouteState): string {
  return `${route.config.table}|${dstOf(route)}`;
}
