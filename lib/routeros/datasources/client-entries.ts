import { isIP } from "node:net";
import type { RouterClient } from "../client";
import { anyOf, proplist } from "../client";
import { RouterProtocolError } from "../errors";
import { parseRow, parseRows, rosDuration, rosId } from "../parse";
import { z } from "zod";
import { ADDRESS_LIST_PATH, parseAddressList, type AddressListEntry } from "./address-lists";
import { CONNECTION_PATH, parseCountOnly } from "./connection-counts";

// One client's address-list entries and tracked connections, found with queries (never by reading a
// whole table), and the writes that move it: add, remove, and removing its connections.

const ENTRY_FIELDS = [".id", "list", "address", "timeout", "dynamic", "disabled", "creation-time"];

function assertAddress(address: string): void {
  // Only plain IPv4 client addresses reach a router command; anything else is a bug or an attack.
  if (isIP(address) !== 4) throw new RouterProtocolError(`not an IPv4 client address: ${address.slice(0, 60)}`);
}

/** `?address=IP` and `?list=a ?list=b ?#|`: the client's entries on the given lists only. */
export async function readClientEntries(options: {
  client: Pick<RouterClient, "run">;
  address: string;
  lists: readonly string[];
}): Promise<AddressListEntry[]> {
  const { client } = options;
  assertAddress(options.address);
  if (options.lists.length === 0) return [];
  const rows = await client.run([
    `${ADDRESS_LIST_PATH}/print`,
    proplist(ENTRY_FIELDS),
    `?address=${options.address}`,
    ...anyOf("list", options.lists),
  ]);
  const listOf = z.object({ list: z.string().min(1).max(255) });
  return rows.flatMap((row) => {
    const { list } = parseRow({ path: ADDRESS_LIST_PATH, row, schema: listOf });
    return parseAddressList({ list, rows: [row] });
  });
}

export async function addListEntry(options: {
  client: Pick<RouterClient, "run">;
  list: string;
  address: string;
  timeoutSeconds: number | null;
  comment?: string;
}): Promise<void> {
  const { client } = options;
  assertAddress(options.address);
  const words = [`${ADDRESS_LIST_PATH}/add`, `=list=${options.list}`, `=address=${options.address}`];
  if (options.timeoutSeconds !== null) words.push(`=timeout=${Math.max(1, Math.round(options.timeoutSeconds))}s`);
  if (options.comment) words.push(`=comment=${options.comment}`);
  await client.run(words);
}

export async function removeListEntries(options: { client: Pick<RouterClient, "run">; ids: readonly string[] }): Promise<void> {
  const { client, ids } = options;
  if (ids.length === 0) return;
  for (const id of ids) rosId.parse(id);
  await client.run([`${ADDRESS_LIST_PATH}/remove`, `=.id=${ids.join(",")}`]);
}

/**
 * The client's connections. src-address reads `ip:port` (bare `ip` for port-less protocols) and API
 * queries only compare, so: `= ip`, or strictly between "ip:" and "ip:;" (";" sorts right after ":"
 * and after every digit), which is exactly "ip:<port>" and never "ip0:…" of a longer address.
 */
export function clientConnectionQuery(address: string): string[] {
  assertAddress(address);
  return [`?src-address=${address}`, `?>src-address=${address}:`, `?<src-address=${address}:;`, "?#&|"];
}

export async function countClientConnections(options: { client: Pick<RouterClient, "run">; address: string }): Promise<number> {
  const { client, address } = options;
  return parseCountOnly(await client.run([`${CONNECTION_PATH}/print`, "=count-only=", ...clientConnectionQuery(address)]));
}

/** Removes the client's tracked connections so its next packets start new ones on its new WAN; returns how many. */
export async function removeClientConnections(options: { client: Pick<RouterClient, "run">; address: string }): Promise<number> {
  const { client, address } = options;
  const rows = await client.run([`${CONNECTION_PATH}/print`, proplist([".id"]), ...clientConnectionQuery(address)]);
  const ids = parseRows({ path: CONNECTION_PATH, rows, schema: z.object({ ".id": rosId }) }).map((r) => r[".id"]);
  let removed = 0;
  // A connection can end between print and remove; remove one chunk at a time and skip ones gone.
  for (let i = 0; i < ids.length; i += 50) {
    const chunk = ids.slice(i, i + 50);
    try {
      await client.run([`${CONNECTION_PATH}/remove`, `=.id=${chunk.join(",")}`]);
      removed += chunk.length;
    } catch {
      for (const id of chunk) {
        try {
          await client.run([`${CONNECTION_PATH}/remove`, `=.id=${id}`]);
          removed += 1;
        } catch {
          // already gone
        }
      }
    }
  }
  return removed;
}

/** address-list-timeout of the rule that adds clients to `list` (add-src-to-address-list); null when none or none set. */
export async function readListTimeout(options: { client: Pick<RouterClient, "run">; list: string }): Promise<number | null> {
  const { client, list } = options;
  const rows = await client.run([
    "/ip/firewall/mangle/print",
    proplist(["address-list", "address-list-timeout", "disabled"]),
    "?action=add-src-to-address-list",
    `?address-list=${list}`,
  ]);
  for (const row of rows) {
    if (row.disabled === "true" || row.disabled === "yes") continue;
    const timeout = row["address-list-timeout"];
    if (timeout === undefined || timeout === "" || timeout === "none-dynamic" || timeout === "none-static") continue;
    const parsed = z.object({ t: rosDuration }).safeParse({ t: timeout });
    if (parsed.success && parsed.data.t > 0) return parsed.data.t;
  }
  return null;
}
