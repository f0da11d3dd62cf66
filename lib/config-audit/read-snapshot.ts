import type { RouterClient } from "../routeros/client";
import { proplist } from "../routeros/client";
import { DEFAULT_DST } from "../routeros/datasources/routes";
import { isConnectionLevel, RouterProtocolError } from "../routeros/errors";
import type { RosRow } from "../routeros/parse";
import { parseSnapshot } from "./model";
import type { ApiUserPolicy, ConfigSnapshot, PinnedEntry, RawRow } from "./snapshot";
import { PATHS } from "./types";

// Reads a router's balancing configuration: five small prints (every property, so rules can be restored
// exactly), then the static entries of each WAN list and the API user's policies. A few kilobytes.

const MAX_ROWS = 5000;

function bounded(path: string, rows: readonly RosRow[]): RawRow[] {
  if (rows.length > MAX_ROWS) throw new RouterProtocolError(`${path} has ${rows.length} rows; the audit reads at most ${MAX_ROWS}`);
  return rows.map((row) => ({ ...row }));
}

async function readPinned(client: Pick<RouterClient, "run">, lists: readonly string[]): Promise<PinnedEntry[]> {
  const out: PinnedEntry[] = [];
  for (const list of lists) {
    const rows = await client.run([
      "/ip/firewall/address-list/print",
      proplist([".id", "address", "disabled", "dynamic"]),
      `?list=${list}`,
      "?dynamic=false",
    ]);
    for (const row of rows) {
      if (row.dynamic === "true" || row.dynamic === "yes" || !row.address) continue;
      out.push({ list, address: row.address, disabled: row.disabled === "true" || row.disabled === "yes" });
    }
  }
  return out;
}

/** The API user's group policies; null when the router does not let this user read them (or has no such menu). */
async function readApiUser(client: Pick<RouterClient, "run">, user: string): Promise<ApiUserPolicy | null> {
  try {
    const [row] = await client.run(["/user/print", proplist(["name", "group"]), `?name=${user}`]);
    if (!row?.group) return null;
    const [group] = await client.run(["/user/group/print", proplist(["name", "policy"]), `?name=${row.group}`]);
    if (!group?.policy) return null;
    return { name: user, group: row.group, policies: group.policy.split(",").map((p) => p.trim()) };
  } catch (error) {
    if (isConnectionLevel(error)) throw error;
    return null;
  }
}

export async function readConfigSnapshot(options: { client: RouterClient; user: string }): Promise<ConfigSnapshot> {
  const { client } = options;
  const version = await client.version();
  const [mangle, nat, routes, routingTables, ipAddresses] = await Promise.all([
    client.run([`${PATHS.mangle}/print`, "=stats="]),
    client.run([`${PATHS.nat}/print`, "=stats="]),
    client.run([`${PATHS.route}/print`, `?dst-address=${DEFAULT_DST}`]),
    version.routing === "v7" ? client.run([`${PATHS.routingTable}/print`]) : Promise.resolve([]),
    client.run(["/ip/address/print"]),
  ]);
  const base: ConfigSnapshot = {
    routing: version.routing,
    version: version.raw,
    mangle: bounded(PATHS.mangle, mangle),
    nat: bounded(PATHS.nat, nat),
    routes: bounded(PATHS.route, routes).filter((r) => r["dst-address"] === DEFAULT_DST),
    routingTables: bounded(PATHS.routingTable, routingTables),
    ipAddresses: bounded("/ip/address", ipAddresses),
    pinned: [],
    apiUser: null,
  };
  const lists = [
    ...new Set(
      parseSnapshot(base)
        .setup.wans.map((w) => w.addressList)
        .filter((l): l is string => l !== null),
    ),
  ];
  const [pinned, apiUser] = await Promise.all([readPinned(client, lists), readApiUser(client, options.user)]);
  return { ...base, pinned, apiUser };
}

/** What a policy list says about writing: RouterOS prints denied policies with a leading "!". */
export function canWrite(apiUser: ApiUserPolicy | null): boolean | null {
  if (!apiUser) return null;
  return apiUser.policies.includes("write") && apiUser.policies.includes("api");
}
