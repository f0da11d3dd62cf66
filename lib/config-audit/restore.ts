import type { RouterClient } from "../routeros/client";
import { RouterTrapError } from "../routeros/errors";
import { writableProps, differingKeys } from "./props";
import { configSequence, sameRules } from "./readback";
import { readConfigSnapshot } from "./read-snapshot";
import { commandWords, renderScript } from "./render-script";
import { configProps, rowsOf, type ConfigSnapshot, type RawRow } from "./snapshot";
import type { ConfigPath, FixCommand } from "./types";

// Puts back the rows a fix touched, as saved just before it ran: rows it added (found by id, or by the
// marker comment when an add's reply was lost) are removed, changed rows get their saved values (unset
// where the saved row had no such property), removed rows are re-added at their place, moved rows are
// moved back. Each step re-reads what it needs, so a restore interrupted half-way can simply run again.

export type RestoreScope = {
  saved: ConfigSnapshot;
  /** Menus the fix writes. */
  paths: readonly ConfigPath[];
  /** Ids of the saved rows the fix changes, removes or moves. */
  touched: readonly string[];
  /** Rows the fix added, by the ids the router gave them (may be incomplete when a reply was lost). */
  added: readonly { path: ConfigPath; id: string }[];
  /** Comments of the rows the fix adds. */
  markers: readonly string[];
};

export type RestoreOutcome = {
  commands: FixCommand[];
  /** The menus the fix writes equal the saved ones, rule for rule. */
  exact: boolean;
  /** Rules that differ from the saved ones (outside what the fix touched: changed by someone else). */
  differences: string[];
};

const ORDERED: ReadonlySet<ConfigPath> = new Set(["/ip/firewall/mangle", "/ip/firewall/nat"]);
const isDynamic = (row: RawRow) => row.dynamic === "true" || row.dynamic === "yes";

async function readRows(client: RouterClient, path: ConfigPath): Promise<RawRow[]> {
  const words = path === "/ip/route" ? [`${path}/print`, "?dst-address=0.0.0.0/0"] : [`${path}/print`];
  return (await client.run(words)).map((r) => ({ ...r }));
}

async function run(client: RouterClient, command: FixCommand, log: FixCommand[]): Promise<string | null> {
  const rows = await client.run(commandWords(command));
  log.push(command);
  return rows[0]?.ret ?? null;
}

/** `unset` where the menu has it, else `set key=` (an empty value clears a property on menus without unset). */
async function unsetProperty(options: {
  client: RouterClient;
  path: ConfigPath;
  id: string;
  key: string;
  log: FixCommand[];
}): Promise<boolean> {
  const { client, path, id, key, log } = options;
  for (const command of [
    { op: "unset", path, id, prop: key },
    { op: "set", path, id, props: { [key]: "" } },
  ] satisfies FixCommand[]) {
    try {
      await run(client, command, log);
    } catch (error) {
      if (error instanceof RouterTrapError) continue;
      throw error;
    }
    const row = (await readRows(client, path)).find((r) => r[".id"] === id);
    if (row && row[key] === undefined) return true;
  }
  return false;
}

async function restorePath(options: { client: RouterClient; scope: RestoreScope; path: ConfigPath; log: FixCommand[] }): Promise<void> {
  const { client, scope, path, log } = options;
  const saved = rowsOf(scope.saved, path).filter((r) => !isDynamic(r));
  const savedIds = new Set(saved.map((r) => r[".id"]));
  const touched = new Set(scope.touched);
  let current = await readRows(client, path);

  // 1. Rows the fix added.
  for (const row of current) {
    const id = row[".id"]!;
    if (savedIds.has(id)) continue;
    if (scope.added.some((a) => a.path === path && a.id === id) || (row.comment !== undefined && scope.markers.includes(row.comment)))
      await run(client, { op: "remove", path, id }, log);
  }
  current = await readRows(client, path);

  // 2. Changed rows back to their saved values; a property the saved row lacked is unset.
  const idNow = new Map<string, string>();
  for (const row of saved) {
    const id = row[".id"]!;
    const now = current.find((r) => r[".id"] === id);
    if (!now) continue;
    idNow.set(id, id);
    if (!touched.has(id)) continue;
    const want = configProps(row);
    const have = configProps(now);
    const changed = differingKeys({ expected: want, actual: have }).filter((k) => k !== ".id");
    const set = Object.fromEntries(changed.filter((k) => want[k] !== undefined).map((k) => [k, want[k]!]));
    if (Object.keys(set).length > 0) await run(client, { op: "set", path, id, props: set }, log);
    for (const key of changed.filter((k) => want[k] === undefined)) {
      if (await unsetProperty({ client, path, id, key, log })) continue;
      // A router that takes neither: re-create the row as saved, at its place.
      await run(client, { op: "remove", path, id }, log);
      idNow.delete(id);
      break;
    }
  }

  // 3. Saved rows that are missing now, re-added from the last to the first so each one's successor exists.
  for (let i = saved.length - 1; i >= 0; i--) {
    const row = saved[i]!;
    const id = row[".id"]!;
    if (idNow.has(id) || !touched.has(id)) continue;
    const next = saved.slice(i + 1).find((r) => idNow.has(r[".id"]!));
    const placeBefore = ORDERED.has(path) && next ? idNow.get(next[".id"]!) : undefined;
    const ret = await run(client, { op: "add", path, props: writableProps(row), ...(placeBefore ? { placeBefore } : {}) }, log);
    if (ret) idNow.set(id, ret);
  }

  // 4. Order: each touched row right before its saved successor (only where order means something).
  if (!ORDERED.has(path)) return;
  current = await readRows(client, path);
  for (let i = saved.length - 2; i >= 0; i--) {
    const mine = idNow.get(saved[i]![".id"]!);
    const next = idNow.get(saved[i + 1]![".id"]!);
    if (!mine || !next || !touched.has(saved[i]![".id"]!)) continue;
    const statics = current.filter((r) => !isDynamic(r)).map((r) => r[".id"]);
    if (statics[statics.indexOf(mine) + 1] === next) continue;
    await run(client, { op: "move", path, id: mine, destination: next }, log);
    current = await readRows(client, path);
  }
}

/** Restore, then read back: `exact` when every menu the fix writes equals what was saved. */
export async function restoreSaved(options: { client: RouterClient; scope: RestoreScope; user: string }): Promise<RestoreOutcome> {
  const log: FixCommand[] = [];
  for (const path of options.scope.paths) await restorePath({ client: options.client, scope: options.scope, path, log });
  const now = await readConfigSnapshot({ client: options.client, user: options.user });
  const differences = sameRules(options.scope.saved, now, options.scope.paths);
  return { commands: log, exact: differences.length === 0, differences };
}

/** The saved menus as an export (every rule as it was, in order), shown when a restore could not finish. */
export function savedRulesScript(scope: Pick<RestoreScope, "saved" | "paths">): string {
  const lines = scope.paths.flatMap((path) =>
    configSequence(scope.saved, path).map((props): FixCommand => ({ op: "add", path, props: writableProps(props) })),
  );
  return renderScript(lines);
}
