import { expectedClassifierWeights, type ClassifierRule } from "@/lib/metrics/classifier-split";
import { interfaceForIp, type IpAddress } from "./datasources/ip-addresses";
import type { MangleRule } from "./datasources/mangle";
import type { NatRule } from "./datasources/nat";
import type { DefaultRoute } from "./datasources/routes";
import type { RoutingTable } from "./datasources/routing-tables";

// Discovery of a router's balancing setup from its mangle, NAT and routes: which connection mark,
// address list, routing mark (v6) or table (v7), gateway and interface make up each WAN, and which
// rules classify new connections. Pure; `discoverRouter` in discover-router.ts reads the inputs.

export type BalancingConfig = {
  routing: "v6" | "v7";
  mangle: readonly MangleRule[];
  nat: readonly NatRule[];
  routes: readonly DefaultRoute[];
  routingTables: readonly RoutingTable[];
  ipAddresses: readonly IpAddress[];
};

export type BalancingWan = {
  /** The connection mark: the one name every other part of a WAN hangs on. */
  name: string;
  interface: string | null;
  addressList: string | null;
  connectionMark: string;
  routingMark: string | null;
  routingTable: string | null;
  gateway: string | null;
  routeKey: string | null;
  classifierRuleIds: string[];
  /** Expected share of new connections of unlisted clients, from the classifier rules. */
  expectedWeight: number;
};

export type BalancingSetup = {
  routing: "v6" | "v7";
  wans: BalancingWan[];
  classifiers: ClassifierRule[];
  classifierKind: "nth" | "pcc" | "mixed" | "none";
  /** Share of new connections no classifier takes (25% in the seed's nth recipe). */
  unmarkedExpectedWeight: number;
  /** Where unmarked traffic goes: the main table's active default route. */
  mainRoute: { gateway: string; interface: string | null; routeKey: string } | null;
  warnings: string[];
};

const NO_MARK = "no-mark";

function positive(value: { value: string; negated: boolean } | null): string | null {
  return value && !value.negated ? value.value : null;
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function pickOne(options: { what: string; mark: string; candidates: (string | null)[]; warnings: string[] }): string | null {
  const values = unique(options.candidates.filter((c): c is string => c !== null));
  if (values.length > 1)
    options.warnings.push(`connection mark ${options.mark}: several ${options.what} (${values.join(", ")}); using ${values[0]}`);
  return values[0] ?? null;
}

function bestRoute(routes: readonly DefaultRoute[], table: string): DefaultRoute | undefined {
  return routes
    .filter((r) => r.table === table && !r.disabled)
    .sort((a, b) => Number(b.active) - Number(a.active) || a.distance - b.distance)[0];
}

function classifierFor(rule: MangleRule, wan: string): ClassifierRule | null {
  if (rule.nth) return { ruleId: rule.id, wan, order: rule.order, kind: "nth", every: rule.nth.every, packet: rule.nth.packet };
  if (rule.pcc && !rule.pcc.negated) {
    return { ruleId: rule.id, wan, order: rule.order, kind: "pcc", denominator: rule.pcc.denominator, remainder: rule.pcc.remainder };
  }
  return null;
}

function routingMarkFor(options: { mark: string; list: string | null; rules: readonly MangleRule[]; warnings: string[] }): string | null {
  const markRouting = options.rules.filter((r) => r.action === "mark-routing" && r.newRoutingMark);
  const byConnMark = markRouting.filter((r) => positive(r.connectionMark) === options.mark).map((r) => r.newRoutingMark);
  const byList = options.list ? markRouting.filter((r) => positive(r.srcAddressList) === options.list).map((r) => r.newRoutingMark) : [];
  return pickOne({
    what: "routing marks",
    mark: options.mark,
    candidates: byConnMark.length > 0 ? byConnMark : byList,
    warnings: options.warnings,
  });
}

function kindOf(classifiers: readonly ClassifierRule[]): BalancingSetup["classifierKind"] {
  const kinds = unique(classifiers.map((c) => c.kind));
  if (kinds.length === 0) return "none";
  return kinds.length > 1 ? "mixed" : (kinds[0] as "nth" | "pcc");
}

export function discoverBalancing(config: BalancingConfig): BalancingSetup {
  const warnings: string[] = [];
  const rules = config.mangle.filter((r) => !r.disabled && !r.invalid).sort((a, b) => a.order - b.order);
  const srcnatInterfaces = new Set(
    config.nat.filter((n) => !n.disabled && n.chain === "srcnat" && n.outInterface).map((n) => n.outInterface as string),
  );
  const tables = new Set(config.routingTables.filter((t) => !t.disabled).map((t) => t.name));
  const marks = unique(
    rules
      .filter((r) => r.action === "mark-connection" && r.newConnectionMark && r.newConnectionMark !== NO_MARK)
      .map((r) => r.newConnectionMark as string),
  );

  const wans: BalancingWan[] = [];
  const classifiers: ClassifierRule[] = [];
  for (const mark of marks) {
    const setters = rules.filter((r) => r.action === "mark-connection" && r.newConnectionMark === mark);
    const markClassifiers = setters.map((r) => classifierFor(r, mark)).filter((c): c is ClassifierRule => c !== null);
    const filledList = rules
      .filter((r) => r.action === "add-src-to-address-list" && positive(r.connectionMark) === mark)
      .map((r) => r.addressList);
    const matchedList = setters.map((r) => positive(r.srcAddressList));
    const addressList = pickOne({ what: "address lists", mark, candidates: filledList.length > 0 ? filledList : matchedList, warnings });
    const routingMark = routingMarkFor({ mark, list: addressList, rules, warnings });
    const route = routingMark ? bestRoute(config.routes, routingMark) : undefined;
    // Inbound marking (in-interface=<a WAN> → mark) names the interface even when the route does not.
    const inbound = setters.map((r) => positive(r.inInterface)).filter((i): i is string => i !== null && srcnatInterfaces.has(i));
    const iface = route?.interface ?? (route ? interfaceForIp(config.ipAddresses, route.gateway) : null) ?? inbound[0] ?? null;

    if (!routingMark && markClassifiers.length === 0) {
      warnings.push(`connection mark ${mark} is not tied to a routing mark or a classifier rule; not treated as a WAN`);
      continue;
    }
    if (!routingMark) warnings.push(`connection mark ${mark}: no mark-routing rule found`);
    else if (!route) warnings.push(`routing ${config.routing === "v7" ? "table" : "mark"} ${routingMark}: no default route`);
    if (config.routing === "v7" && routingMark && !tables.has(routingMark))
      warnings.push(`routing table ${routingMark} is not in /routing/table`);
    if (!iface) warnings.push(`connection mark ${mark}: could not tell the WAN interface`);
    else if (!srcnatInterfaces.has(iface)) warnings.push(`interface ${iface} (mark ${mark}) has no srcnat rule`);
    if (!addressList) warnings.push(`connection mark ${mark}: no address list remembers its clients`);

    classifiers.push(...markClassifiers);
    wans.push({
      name: mark,
      interface: iface,
      addressList,
      connectionMark: mark,
      routingMark: config.routing === "v6" ? routingMark : null,
      routingTable: config.routing === "v7" ? routingMark : null,
      gateway: route?.gateway ?? null,
      routeKey: route?.key ?? null,
      classifierRuleIds: markClassifiers.map((c) => c.ruleId),
      expectedWeight: 0,
    });
  }

  const weights = expectedClassifierWeights(classifiers);
  for (const wan of wans) wan.expectedWeight = weights.perWan.find((w) => w.wan === wan.name)?.weight ?? 0;
  if (wans.length === 0) warnings.push("no balancing setup found (no connection mark tied to a route or classifier)");
  else if (classifiers.length === 0) warnings.push("no nth or PCC rule classifies new connections");

  const main = bestRoute(config.routes, "main");
  const mainRoute = main
    ? { gateway: main.gateway, interface: main.interface ?? interfaceForIp(config.ipAddresses, main.gateway), routeKey: main.key }
    : null;
  const used = new Set([...wans.map((w) => w.interface), mainRoute?.interface]);
  for (const iface of srcnatInterfaces) if (!used.has(iface)) warnings.push(`srcnat interface ${iface} carries no balancing mark`);

  return {
    routing: config.routing,
    wans,
    classifiers: classifiers.sort((a, b) => a.order - b.order),
    classifierKind: kindOf(classifiers),
    unmarkedExpectedWeight: weights.unmarked,
    mainRoute,
    warnings,
  };
}

/** Interfaces a poll reads counters for: every WAN's, plus the one unmarked traffic leaves by. */
export function wanInterfaces(setup: BalancingSetup): string[] {
  return unique([...setup.wans.map((w) => w.interface), setup.mainRoute?.interface].filter((i): i is string => Boolean(i)));
}
