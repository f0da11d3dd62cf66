import { discoverBalancing, type BalancingConfig, type BalancingSetup } from "../routeros/discover";
import { parseIpAddresses, type IpAddress } from "../routeros/datasources/ip-addresses";
import { parseMangle, type MangleRule } from "../routeros/datasources/mangle";
import { parseNat, type NatRule } from "../routeros/datasources/nat";
import { DEFAULT_DST, parseRoutes, type DefaultRoute } from "../routeros/datasources/routes";
import { parseRoutingTables, type RoutingTable } from "../routeros/datasources/routing-tables";
import { isStateKey, type ConfigSnapshot, type RawRow } from "./snapshot";
import { PATHS, type ConfigPath, type RuleRef } from "./types";

// A snapshot parsed for the audit: the typed records discovery uses, each with its raw row (every
// property, for matchers the typed record does not model) and how a finding names it.

export type WithRaw<T> = T & { raw: RawRow; ref: RuleRef };
export type AuditRule = WithRaw<MangleRule>;
export type AuditNat = WithRaw<NatRule>;
export type AuditRoute = WithRaw<DefaultRoute>;

export type AuditModel = {
  snapshot: ConfigSnapshot;
  mangle: AuditRule[];
  nat: AuditNat[];
  routes: AuditRoute[];
  routingTables: RoutingTable[];
  ipAddresses: IpAddress[];
  config: BalancingConfig;
  setup: BalancingSetup;
};

/** Defaults RouterOS prints on every row; left out of a rule's short text. */
const QUIET: Record<string, string[]> = {
  disabled: ["false", "no"],
  dynamic: ["false", "no"],
  log: ["false", "no"],
  "log-prefix": [""],
  passthrough: ["true", "yes"],
  static: ["true", "yes"],
  "suppress-hw-offload": ["false", "no"],
};

/** A row as one line: its configured properties in print order, without counters and quiet defaults. */
export function describeRow(row: RawRow, max = 240): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (isStateKey(key) || key === "comment" || QUIET[key]?.includes(value)) continue;
    parts.push(`${key}=${/[\s"]/.test(value) || value === "" ? JSON.stringify(value) : value}`);
  }
  const text = parts.join(" ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function refOf(path: ConfigPath, row: RawRow, position: number): RuleRef {
  return { path, id: row[".id"] ?? "?", position, text: describeRow(row) };
}

export function parseSnapshot(snapshot: ConfigSnapshot): AuditModel {
  const withRaw = <T extends { id: string }>(path: ConfigPath, rows: readonly RawRow[], parsed: T[]): WithRaw<T>[] =>
    parsed.map((item, index) => ({ ...item, raw: rows[index]!, ref: refOf(path, rows[index]!, index) }));
  const defaults = snapshot.routes.filter((r) => r["dst-address"] === DEFAULT_DST);
  const mangle = withRaw(PATHS.mangle, snapshot.mangle, parseMangle(snapshot.mangle));
  const nat = withRaw(PATHS.nat, snapshot.nat, parseNat(snapshot.nat));
  const routes = withRaw(PATHS.route, defaults, parseRoutes({ rows: defaults, version: { routing: snapshot.routing } }));
  const routingTables = parseRoutingTables(snapshot.routingTables);
  const ipAddresses = parseIpAddresses(snapshot.ipAddresses);
  const config: BalancingConfig = { routing: snapshot.routing, mangle, nat, routes, routingTables, ipAddresses };
  return { snapshot, mangle, nat, routes, routingTables, ipAddresses, config, setup: discoverBalancing(config) };
}
