// listen and print =follow= / =follow-only= over a menu's change feed. follow sends the rows that match
// the query first (as print would), then every change; follow-only and listen send changes only. An item
// that is removed, or that stops matching the query, is sent as `.id` + `.dead=yes`. listen does not
// filter: MikroTik's API documentation says only print handles query words (docs/routeros-streams.md).

import type { RowFilter } from "./compile-query";
import type { Menu, PrintOptions, Row, Stream } from "./router-api";

export function changeStream({
  menu,
  filter,
  initial,
  options,
}: {
  menu: Menu;
  filter: RowFilter | undefined;
  /** follow: the current rows first */
  initial: boolean;
  options: PrintOptions;
}): Stream {
  const matches = (row: Row | undefined): boolean => row !== undefined && (filter === undefined || filter(row));
  return {
    start(emit) {
      // subscribe first, so nothing that changes while the current rows go out is lost
      const unwatch = menu.watch?.((change) => {
        if (matches(change.row)) emit(change.row!);
        else if (matches(change.previous) || (filter === undefined && change.row === undefined)) emit({ ".id": change.id, ".dead": "yes" });
      });
      if (initial) for (const row of menu.print(options)) if (matches(row)) emit(row);
      return () => unwatch?.();
    },
  };
}
