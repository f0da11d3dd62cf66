import type { ConfigPath, FixCommand } from "./types";

/** The menus a fix writes. */
export function pathsOf(commands: readonly FixCommand[]): ConfigPath[] {
  return [...new Set(commands.map((c) => c.path))];
}

/** The existing rows a fix changes, removes or moves (not the ones it adds). */
export function touchedIds(commands: readonly FixCommand[]): string[] {
  return [...new Set(commands.flatMap((c) => (c.op === "add" ? [] : [c.id])))];
}
