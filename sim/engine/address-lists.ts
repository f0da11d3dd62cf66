import { formatCidr, inCidr, parseCidr, type Cidr } from "./ip";

export type ListEntry = {
  id: number;
  list: string;
  cidr: Cidr;
  address: string; // as printed
  /** sim ms at which the entry expires; undefined: no timeout */
  expiresAt?: number;
  dynamic: boolean;
  disabled: boolean;
  comment?: string;
  createdAt: number;
  /** sim ms from which rules see the entry (see listVisibilityDelayMs) */
  visibleAt: number;
  /** the menu's formatted row (timeout aside), kept until the entry changes; see address-list-menu */
  row?: Record<string, string>;
};

export type AddOutcome = { entry: ListEntry; created: boolean };

/** Told before and after an entry is added, changed or removed (expiry included): the menu's change feed. */
export type ListObserver = { before(entry: ListEntry): void; after(entry: ListEntry, removed: boolean): void };

/** Address lists indexed for per-packet lookups: exact /32 entries in a map, prefixes in a short array. */
export class AddressListStore {
  private byId = new Map<number, ListEntry>();
  private hosts = new Map<string, Map<number, ListEntry>>();
  private prefixes = new Map<string, ListEntry[]>();
  private nextId = 1;
  /** bumped on every change so menus can cache formatted rows */
  version = 0;
  observer: ListObserver | undefined;

  constructor(private readonly onExpiryDue: (entry: ListEntry) => void) {}

  get size(): number {
    return this.byId.size;
  }

  entries(): IterableIterator<ListEntry> {
    return this.byId.values();
  }

  get(id: number): ListEntry | undefined {
    return this.byId.get(id);
  }

  find(list: string, cidr: Cidr): ListEntry | undefined {
    if (cidr.prefix === 32) return this.hosts.get(list)?.get(cidr.network);
    return this.prefixes.get(list)?.find((e) => e.cidr.network === cidr.network && e.cidr.prefix === cidr.prefix);
  }

  /** Whether a rule sees `address` in `list` now: present, enabled, and past its visibility delay. */
  matches(list: string, address: number, now: number): boolean {
    const host = this.hosts.get(list)?.get(address);
    if (host !== undefined && !host.disabled && host.visibleAt <= now) return true;
    const prefixes = this.prefixes.get(list);
    if (prefixes === undefined) return false;
    for (const e of prefixes) if (!e.disabled && e.visibleAt <= now && inCidr(address, e.cidr)) return true;
    return false;
  }

  /** Rule action: creates a dynamic entry, or refreshes the timeout of an existing one. */
  addFromRule({
    list,
    address,
    timeoutMs,
    now,
    visibleAt,
  }: {
    list: string;
    address: number;
    timeoutMs?: number;
    now: number;
    visibleAt: number;
  }): AddOutcome {
    const existing = this.hosts.get(list)?.get(address);
    if (existing !== undefined) {
      if (existing.dynamic && timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
        // Every new connection of a listed client refreshes its timeout; the printed remaining time
        // is computed at print, so only gaining a timeout changes what the menu caches.
        const gained = existing.expiresAt === undefined;
        existing.expiresAt = now + timeoutMs;
        if (gained) {
          existing.row = undefined;
          this.version++;
          this.onExpiryDue(existing);
        }
      }
      return { entry: existing, created: false };
    }
    const cidr = { network: address >>> 0, prefix: 32, mask: 0xffffffff };
    const entry = this.insert({ list, cidr, timeoutMs, dynamic: true, disabled: false, now, visibleAt });
    return { entry, created: true };
  }

  /** API or export: duplicates of list+address are refused like RouterOS ("already have such entry"). */
  addStatic({
    list,
    address,
    timeoutMs,
    comment,
    disabled,
    now,
    visibleAt,
  }: {
    list: string;
    address: string;
    timeoutMs?: number;
    comment?: string;
    disabled: boolean;
    now: number;
    visibleAt: number;
  }): ListEntry | "duplicate" | "invalid" {
    const cidr = parseCidr(address);
    if (cidr === undefined) return "invalid";
    if (this.find(list, cidr) !== undefined) return "duplicate";
    return this.insert({ list, cidr, timeoutMs, dynamic: timeoutMs !== undefined, disabled, comment, now, visibleAt });
  }

  remove(id: number): ListEntry | undefined {
    const entry = this.byId.get(id);
    if (entry === undefined) return undefined;
    this.observer?.before(entry);
    this.byId.delete(id);
    this.unindex(entry);
    this.version++;
    this.observer?.after(entry, true);
    return entry;
  }

  /** Changes list/address/timeout/comment/disabled; keeps the id. */
  update(
    entry: ListEntry,
    change: { list?: string; address?: string; timeoutMs?: number | null; comment?: string; disabled?: boolean; now: number },
  ): "ok" | "duplicate" | "invalid" {
    const cidr = change.address === undefined ? entry.cidr : parseCidr(change.address);
    if (cidr === undefined) return "invalid";
    const list = change.list ?? entry.list;
    const other = this.find(list, cidr);
    if (other !== undefined && other !== entry) return "duplicate";
    this.observer?.before(entry);
    this.unindex(entry);
    entry.row = undefined;
    entry.list = list;
    entry.cidr = cidr;
    entry.address = formatCidr(cidr);
    if (change.timeoutMs === null) entry.expiresAt = undefined;
    else if (change.timeoutMs !== undefined) entry.expiresAt = change.now + change.timeoutMs;
    if (change.comment !== undefined) entry.comment = change.comment;
    if (change.disabled !== undefined) entry.disabled = change.disabled;
    this.index(entry);
    if (entry.expiresAt !== undefined) this.onExpiryDue(entry);
    this.observer?.after(entry, false);
    return "ok";
  }

  /** Reboot: entries with a timeout live in RAM and are gone. */
  dropDynamic(): void {
    for (const entry of [...this.byId.values()]) if (entry.dynamic || entry.expiresAt !== undefined) this.remove(entry.id);
  }

  listsOf(address: number): string[] {
    const out: string[] = [];
    for (const [list, hosts] of this.hosts) if (hosts.has(address)) out.push(list);
    return out;
  }

  private insert({
    list,
    cidr,
    timeoutMs,
    dynamic,
    disabled,
    comment,
    now,
    visibleAt,
  }: {
    list: string;
    cidr: Cidr;
    timeoutMs?: number;
    dynamic: boolean;
    disabled: boolean;
    comment?: string;
    now: number;
    visibleAt: number;
  }): ListEntry {
    const entry: ListEntry = {
      id: this.nextId++,
      list,
      cidr,
      address: formatCidr(cidr),
      expiresAt: timeoutMs === undefined || !Number.isFinite(timeoutMs) ? undefined : now + timeoutMs,
      dynamic,
      disabled,
      comment,
      createdAt: now,
      visibleAt,
    };
    this.index(entry);
    if (entry.expiresAt !== undefined) this.onExpiryDue(entry);
    this.observer?.after(entry, false);
    return entry;
  }

  private unindex(entry: ListEntry): void {
    if (entry.cidr.prefix === 32) this.hosts.get(entry.list)?.delete(entry.cidr.network);
    else {
      const arr = this.prefixes.get(entry.list);
      if (arr) arr.splice(arr.indexOf(entry), 1);
    }
  }

  private index(entry: ListEntry): void {
    this.byId.set(entry.id, entry);
    if (entry.cidr.prefix === 32) {
      let hosts = this.hosts.get(entry.list);
      if (hosts === undefined) this.hosts.set(entry.list, (hosts = new Map()));
      hosts.set(entry.cidr.network, entry);
    } else {
      let arr = this.prefixes.get(entry.list);
      if (arr === undefined) this.prefixes.set(entry.list, (arr = []));
      arr.push(entry);
    }
    this.version++;
  }
}
