import { rowsOf, type ConfigSnapshot, type RawRow } from "./snapshot";
import type { ConfigPath, FixCommand } from "./types";

// What a router's rows will be after a fix's commands, computed without the router: the audit re-runs
// on it to show which findings a fix removes, and the apply compares the router's read-back with it.

export class PredictError extends Error {}

/** A flag argument given without a value (`fib`) prints as true. */
const printed = (props: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(props).map(([key, value]) => [key, value === "" ? "true" : value]));

function nextIds(rows: readonly RawRow[]): () => string {
  let max = 0;
  for (const row of rows) {
    const n = Number.parseInt((row[".id"] ?? "").slice(1), 16);
    if (Number.isFinite(n) && n > max) max = n;
  }
  return () => `*${(++max).toString(16).toUpperCase()}`;
}

function withRows(snapshot: ConfigSnapshot, path: ConfigPath, rows: RawRow[]): ConfigSnapshot {
  switch (path) {
    case "/ip/firewall/mangle":
      return { ...snapshot, mangle: rows };
    case "/ip/firewall/nat":
      return { ...snapshot, nat: rows };
    case "/ip/route":
      return { ...snapshot, routes: rows };
    case "/routing/table":
      return { ...snapshot, routingTables: rows };
  }
}

/**
 * Apply `commands` to a copy of the snapshot. Added rows get the ids in `addedIds` (as the router
 * returned them) or, for a prediction, the next free ones. Throws PredictError when a command names a
 * row that is not there: such a fix would fail on the router too.
 */
export function applyCommands(options: { snapshot: ConfigSnapshot; commands: readonly FixCommand[]; addedIds?: readonly string[] }): {
  snapshot: ConfigSnapshot;
  addedIds: string[];
} {
  let snapshot = options.snapshot;
  const addedIds: string[] = [];
  const idMakers = new Map<ConfigPath, () => string>();
  for (const command of options.commands) {
    const rows = rowsOf(snapshot, command.path).map((r) => ({ ...r }));
    const indexOf = (id: string): number => {
      const index = rows.findIndex((r) => r[".id"] === id);
      if (index < 0) throw new PredictError(`${command.path}: no row ${id} for ${command.op}`);
      return index;
    };
    switch (command.op) {
      case "add": {
        if (!idMakers.has(command.path)) idMakers.set(command.path, nextIds(rows));
        const id = options.addedIds?.[addedIds.length] ?? idMakers.get(command.path)!();
        addedIds.push(id);
        const row = { ".id": id, ...printed(command.props) };
        if (command.placeBefore) rows.splice(indexOf(command.placeBefore), 0, row);
        else rows.push(row);
        break;
      }
      case "set":
        Object.assign(rows[indexOf(command.id)]!, printed(command.props));
        break;
      case "unset":
        delete rows[indexOf(command.id)]![command.prop];
        break;
      case "remove":
        rows.splice(indexOf(command.id), 1);
        break;
      case "move": {
        const [row] = rows.splice(indexOf(command.id), 1);
        rows.splice(indexOf(command.destination), 0, row!);
        break;
      }
      case "enable":
      case "disable":
        rows[indexOf(command.id)]!.disabled = command.op === "disable" ? "true" : "false";
        break;
    }
    snapshot = withRows(snapshot, command.path, rows);
  }
  return { snapshot, addedIds };
}
