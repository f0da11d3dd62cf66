import { z } from "zod";
import type { RouterClient } from "../client";
import { proplist } from "../client";
import { parseRows, rosCount, rosFlag, rosId, rosName, rosText, type RosRow } from "../parse";
import type { RouterOsVersion } from "../version";

// GET /ip/route, default routes only. v6 rows carry routing-mark and gateway-status; v7 rows carry
// routing-table, immediate-gw and active. Route .id changes across reboots, so `key` identifies a route.

export type DefaultRoute = {
  /** table|dst|gateway|distance: stable across reboots, unlike `.id`. */
  key: string;
  id: string;
  dstAddress: string;
  gateway: string;
  distance: number;
  /** v6 routing-mark or v7 routing-table; "main" when unmarked. */
  table: string;
  active: boolean;
  disabled: boolean;
  /** Interface the gateway resolves to, when the router says (gateway-status / immediate-gw). */
  interface: string | null;
  /** v6 gateway-status reachable/unreachable; v7: whether an immediate gateway exists. */
  reachable: boolean | null;
  /** "ping", "arp", ... or null: without it a route stays active while the uplink behind its gateway is dead. */
  checkGateway: string | null;
  comment: string | null;
};

export const ROUTE_PATH = "/ip/route";
export const DEFAULT_DST = "0.0.0.0/0";
const COMMON = [".id", "dst-address", "gateway", "distance", "active", "disabled", "comment", "check-gateway"];
const V6_FIELDS = [...COMMON, "routing-mark", "gateway-status"];
const V7_FIELDS = [...COMMON, "routing-table", "immediate-gw", "inactive"];

const schema = z.object({
  ".id": rosId,
  "dst-address": z.string().max(64),
  gateway: z.string().max(255).optional(),
  distance: rosCount.optional(),
  active: rosFlag,
  inactive: rosFlag,
  disabled: rosFlag,
  comment: rosText.optional(),
  "routing-mark": rosName.optional(),
  "routing-table": rosName.optional(),
  "gateway-status": z.string().max(1024).optional(),
  "immediate-gw": z.string().max(255).optional(),
  "check-gateway": z.string().max(64).optional(),
});

/** v6 "10.111.0.1 reachable via  wlan2" (first gateway of a comma-separated list). */
function parseGatewayStatus(status: string): { reachable: boolean; iface: string | null } | null {
  const match = /^\s*\S+\s+(reachable|unreachable)(?:\s+via\s+([^,\s]+))?/.exec(status);
  if (!match) return null;
  return { reachable: match[1] === "reachable", iface: match[2] ?? null };
}

/** v7 "10.111.0.1%wlan2" or just "wlan2" for interface gateways. */
function parseImmediateGw(value: string): string | null {
  const at = value.lastIndexOf("%");
  if (at >= 0) return value.slice(at + 1) || null;
  return /^[0-9.:]+$/.test(value) ? null : value || null;
}

export function routeKey(route: Pick<DefaultRoute, "table" | "dstAddress" | "gateway" | "distance">): string {
  return [route.table, route.dstAddress, route.gateway, route.distance].join("|");
}

export function parseRoutes(options: { rows: readonly RosRow[]; version: Pick<RouterOsVersion, "routing"> }): DefaultRoute[] {
  return parseRows({ path: ROUTE_PATH, rows: options.rows, schema }).map((r) => {
    const v7 = options.version.routing === "v7";
    const gatewayRaw = r.gateway ?? "";
    const gateway = gatewayRaw.split("%")[0] ?? gatewayRaw;
    const status = v7 ? null : parseGatewayStatus(r["gateway-status"] ?? "");
    const immediate = v7 && r["immediate-gw"] ? parseImmediateGw(r["immediate-gw"]) : null;
    const viaGateway = gatewayRaw.includes("%") ? parseImmediateGw(gatewayRaw) : null;
    const route = {
      id: r[".id"],
      dstAddress: r["dst-address"],
      gateway,
      distance: r.distance ?? 1,
      table: (v7 ? r["routing-table"] : r["routing-mark"]) ?? "main",
      active: r.active && !r.inactive,
      disabled: r.disabled,
      interface: status?.iface ?? immediate ?? viaGateway,
      reachable: v7 ? (r["immediate-gw"] ? true : r.active) : (status?.reachable ?? null),
      checkGateway: r["check-gateway"] || null,
      comment: r.comment ?? null,
    };
    return { key: routeKey(route), ...route };
  });
}

export async function readDefaultRoutes(options: { client: RouterClient }): Promise<DefaultRoute[]> {
  const { client } = options;
  const version = await client.version();
  const fields = version.routing === "v7" ? V7_FIELDS : V6_FIELDS;
  const rows = await client.run([`${ROUTE_PATH}/print`, proplist(fields), `?dst-address=${DEFAULT_DST}`]);
  return parseRoutes({ rows, version }).filter((r) => r.dstAddress === DEFAULT_DST);
}
