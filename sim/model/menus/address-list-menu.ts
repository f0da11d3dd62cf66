import { RouterTrap, type Attributes, type ItemChange, type Menu, type Row } from "../../protocol/router-api";
import type { ListEntry } from "../../engine/address-lists";
import { formatBool, formatDuration, formatId, parseDuration, parseId } from "../format";
import type { SimRouter } from "../router";

const SETTABLE = new Set(["list", "address", "timeout", "comment", "disabled", "dynamic"]);

/**
 * /ip/firewall/address-list: each entry's row is formatted once and kept until the entry changes; the
 * row array is rebuilt only when entries come or go, and only remaining timeouts are formatted per print.
 */
export function addressListMenu(router: SimRouter): Menu {
  const lists = router.dataplane.lists;
  let cached: { version: number; rows: Row[]; timed: Array<{ row: Row; entry: ListEntry }> } | undefined;
  const entryOf = (id: string): ListEntry => {
    const n = parseId(id);
    const entry = n === undefined ? undefined : lists.get(n);
    if (entry === undefined) throw new RouterTrap("no such item");
    return entry;
  };
  const listeners = new Set<(change: ItemChange) => void>();
  let previous: Row | undefined;
  const rowNow = (entry: ListEntry): Row => {
    const row = { ...(entry.row ??= entryRow(router, entry)) };
    if (entry.expiresAt !== undefined) row.timeout = formatDuration(entry.expiresAt - router.clock.now());
    return row;
  };
  const observer = {
    before: (entry: ListEntry) => {
      previous = rowNow(entry);
    },
    after: (entry: ListEntry, removed: boolean) => {
      const change: ItemChange = { id: formatId(entry.id), row: removed ? undefined : rowNow(entry), previous };
      previous = undefined;
      for (const listener of listeners) listener(change);
    },
  };
  return {
    watch: (listener) => {
      listeners.add(listener);
      lists.observer = observer;
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) lists.observer = undefined;
      };
    },
    print: () => {
      const now = router.clock.now();
      if (cached === undefined || cached.version !== lists.version) {
        const rows: Row[] = [];
        const timed: Array<{ row: Row; entry: ListEntry }> = [];
        for (const entry of lists.entries()) {
          const row = (entry.row ??= entryRow(router, entry));
          rows.push(row);
          if (entry.expiresAt !== undefined) timed.push({ row, entry });
        }
        cached = { version: lists.version, rows, timed };
      }
      for (const { row, entry } of cached.timed) row.timeout = formatDuration(entry.expiresAt! - now);
      return cached.rows;
    },
    add: (attributes) => {
      checkNames(attributes);
      const list = attributes.list;
      const address = attributes.address;
      if (list === undefined || list === "") throw new RouterTrap("failure: list not specified");
      if (address === undefined || address === "") throw new RouterTrap("failure: address not specified");
      const timeoutMs = parseTimeout(attributes.timeout);
      const now = router.clock.now();
      const result = lists.addStatic({
        list,
        address,
        timeoutMs: timeoutMs ?? undefined,
        comment: attributes.comment,
        disabled: parseBool(attributes.disabled, "disabled") ?? false,
        dynamic: router.personality.routeStyle === "v7" ? parseBool(attributes.dynamic, "dynamic") : undefined,
        now,
        visibleAt: now + router.visibilityDelaySim(),
      });
      if (result === "duplicate") throw new RouterTrap("failure: already have such entry");
      if (result === "invalid") throw new RouterTrap("invalid value for argument address");
      return formatId(result.id);
    },
    remove: (id) => {
      lists.remove(entryOf(id).id);
    },
    set: (id, attributes) => {
      checkNames(attributes);
      const entry = entryOf(id);
      const outcome = lists.update(entry, {
        list: attributes.list,
        address: attributes.address,
        timeoutMs: parseTimeout(attributes.timeout),
        comment: attributes.comment,
        disabled: parseBool(attributes.disabled, "disabled"),
        now: router.clock.now(),
      });
      if (outcome === "duplicate") throw new RouterTrap("failure: already have such entry");
      if (outcome === "invalid") throw new RouterTrap("invalid value for argument address");
    },
  };
}

function entryRow(router: SimRouter, entry: ListEntry): Row {
  const row: Row = { ".id": formatId(entry.id), list: entry.list, address: entry.address, "creation-time": router.date(entry.createdAt) };
  if (entry.expiresAt !== undefined) row.timeout = "";
  row.dynamic = formatBool(entry.dynamic);
  row.disabled = formatBool(entry.disabled);
  if (entry.comment !== undefined) row.comment = entry.comment;
  return row;
}

function checkNames(attributes: Attributes): void {
  for (const key of Object.keys(attributes)) {
    if (!SETTABLE.has(key) && !key.startsWith(".")) throw new RouterTrap(`unknown parameter ${key}`);
  }
}

/** undefined: not given; null: cleared (empty value) */
function parseTimeout(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "" || value === "none") return null;
  const ms = parseDuration(value);
  if (ms === undefined) throw new RouterTrap("invalid value for argument timeout");
  return ms;
}

function parseBool(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === "yes" || value === "true") return true;
  if (value === "no" || value === "false") return false;
  throw new RouterTrap(`invalid value for argument ${name}`);
}
