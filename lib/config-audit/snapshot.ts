import { createHash } from "node:crypto";
import { z } from "zod";
import type { ConfigPath } from "./types";

// The configuration an audit works on: the router's own rows (every property as printed) of the menus
// that make up its balancing, read in one go. Stored as read so a fix can be checked against it and
// rules can be restored exactly; parsed (and validated) only when audited.

export type RawRow = Record<string, string>;

export type PinnedEntry = { list: string; address: string; disabled: boolean };

export type ApiUserPolicy = { name: string; group: string; policies: string[] };

export type ConfigSnapshot = {
  routing: "v6" | "v7";
  version: string;
  mangle: RawRow[];
  nat: RawRow[];
  /** Default routes only (dst-address=0.0.0.0/0): full tables can be huge. */
  routes: RawRow[];
  /** v7 /routing/table; empty on v6. */
  routingTables: RawRow[];
  ipAddresses: RawRow[];
  /** Static entries of the WAN lists (pinned clients). */
  pinned: PinnedEntry[];
  /** The API user's group policies, when the router lets it read them; null otherwise. */
  apiUser: ApiUserPolicy | null;
};

const MAX_ROWS = 5000;
const rawRow = z.record(z.string().max(256), z.string().max(4096));
const rows = z.array(rawRow).max(MAX_ROWS);

export const configSnapshotSchema = z.object({
  routing: z.enum(["v6", "v7"]),
  version: z.string().max(64),
  mangle: rows,
  nat: rows,
  routes: rows,
  routingTables: rows,
  ipAddresses: rows,
  pinned: z.array(z.object({ list: z.string().max(255), address: z.string().max(255), disabled: z.boolean() })).max(100_000),
  apiUser: z.object({ name: z.string().max(255), group: z.string().max(255), policies: z.array(z.string().max(64)).max(64) }).nullable(),
});

/** Properties that describe what a row is doing right now (counters, reachability), not what it is configured to do. */
const STATE_KEYS = new Set([
  ".id",
  "bytes",
  "packets",
  "active",
  "inactive",
  "gateway-status",
  "immediate-gw",
  "invalid",
  "hw-offloaded",
  "ecmp",
  "contribution",
  "local-address",
  ".nextid",
  ".dead",
]);

export function isStateKey(key: string): boolean {
  return STATE_KEYS.has(key);
}

/** A row's configuration: every property but the state ones, in print order. */
export function configProps(row: RawRow): Record<string, string> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !STATE_KEYS.has(key)));
}

const byKey = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

export function rowsOf(snapshot: Pick<ConfigSnapshot, "mangle" | "nat" | "routes" | "routingTables">, path: ConfigPath): RawRow[] {
  switch (path) {
    case "/ip/firewall/mangle":
      return snapshot.mangle;
    case "/ip/firewall/nat":
      return snapshot.nat;
    case "/ip/route":
      return snapshot.routes;
    case "/routing/table":
      return snapshot.routingTables;
  }
}

export const FINGERPRINT_PATHS: readonly ConfigPath[] = ["/ip/firewall/mangle", "/ip/firewall/nat", "/ip/route", "/routing/table"];

/**
 * What the rules are, in order, with their ids, without counters or reachability: two reads with the same
 * fingerprint describe the same rules. A fix refuses to run when the router's fingerprint moved since its preview.
 */
export function configFingerprint(snapshot: Pick<ConfigSnapshot, "mangle" | "nat" | "routes" | "routingTables">): string {
  const hash = createHash("sha256");
  for (const path of FINGERPRINT_PATHS) {
    hash.update(path);
    for (const row of rowsOf(snapshot, path)) hash.update(JSON.stringify([row[".id"] ?? "", Object.entries(configProps(row)).sort(byKey)]));
  }
  return hash.digest("hex");
}
