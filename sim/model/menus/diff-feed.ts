import type { ItemChange, Row } from "../../protocol/router-api";

/**
 * A change feed for small menus (interfaces, routes, firewall rules): when the router says something may
 * have changed, the rows are printed again and compared with the last print, key by key, leaving out
 * counters that move with every packet. Costs nothing while nobody listens.
 */
export class DiffFeed {
  private readonly listeners = new Set<(change: ItemChange) => void>();
  private last = new Map<string, { row: Row; key: string }>();

  constructor(
    private readonly rows: () => Row[],
    private readonly volatile: ReadonlySet<string> = new Set(),
  ) {}

  watch(listener: (change: ItemChange) => void): () => void {
    if (this.listeners.size === 0) this.last = this.snapshot();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  check(): void {
    if (this.listeners.size === 0) return;
    const now = this.snapshot();
    const changes: ItemChange[] = [];
    for (const [id, current] of now) {
      const before = this.last.get(id);
      if (before === undefined || before.key !== current.key) changes.push({ id, row: current.row, previous: before?.row });
    }
    for (const [id, before] of this.last) if (!now.has(id)) changes.push({ id, row: undefined, previous: before.row });
    this.last = now;
    for (const change of changes) for (const listener of this.listeners) listener(change);
  }

  private snapshot(): Map<string, { row: Row; key: string }> {
    const out = new Map<string, { row: Row; key: string }>();
    for (const row of this.rows()) {
      const id = row[".id"];
      if (id === undefined) continue;
      let key = "";
      for (const k of Object.keys(row)) if (!this.volatile.has(k)) key += `${k}=${row[k]}\u0000`;
      out.set(id, { row: { ...row }, key });
    }
    return out;
  }
}
