import type { AddressListConfig } from "../model/config";
import { formatCidr, formatIp, inCidr, parseCidr, parseIp, type Cidr } from "./ip";

export type ListEntry = {
  id: number;
  list: string;
  cidr: Cidr;
  /** an address range a-b that is no single prefix (a range that is one is stored as the prefix) */
  range?: { from: number; to: number };
  /** a DNS name: the entry itself matches nothing; its resolved addresses are dynamic children */
  fqdn?: string;
  /** the DNS-name entry a resolved child belongs to */
  parentId?: number;
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

export type ListAddress = { kind: "cidr"; cidr: Cidr } | { kind: "range"; from: number; to: number } | { kind: "fqdn"; name: string };

/**
 * What an address-list `address=` holds: an address or prefix (host bits cleared, as RouterOS prints it),
 * a range `a-b` (stored as its covering prefix when it is exactly one), or a DNS name.
 */
export function parseListAddress(text: string): ListAddress | undefined {
  const dash = text.indexOf("-");
  if (dash > 0 && /^\d/.test(text)) {
    const from = parseIp(text.slice(0, dash));
    const to = parseIp(text.slice(dash + 1));
    if (from === undefined || to === undefined || to < from) return undefined;
    const size = to - from + 1;
    const prefix = 32 - Math.log2(size);
    if (Number.isInteger(prefix) && from % size === 0) return { kind: "cidr", cidr: parseCidr(`${formatIp(from)}/${prefix}`)! };
    return { kind: "range", from, to };
  }
  const cidr = parseCidr(text);
  if (cidr !== undefined) return { kind: "cidr", cidr };
  if (/^[A-Za-z0-9]([A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/.test(text)) return { kind: "fqdn", name: text.toLowerCase() };
  return undefined;
}

function printed(address: ListAddress): string {
  if (address.kind === "cidr") return formatCidr(address.cidr);
  if (address.kind === "range") return `${formatIp(address.from)}-${formatIp(address.to)}`;
  return address.name;
}

function covers(entry: ListEntry, address: number): boolean {
  return entry.range === undefined ? inCidr(address, entry.cidr) : address >= entry.range.from && address <= entry.range.to;
}

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

  constructor(
    private readonly onExpiryDue: (entry: ListEntry) => void,
    /** DNS names to addresses, from the simulator's own table (never real DNS) */
    private readonly resolve: (name: string) => number[] = () => [],
  ) {}

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
    return this.prefixes.get(list)?.find((e) => e.range === undefined && e.cidr.network === cidr.network && e.cidr.prefix === cidr.prefix);
  }

  /** The entry of `list` printed as `address` (ranges and DNS names included). */
  private findPrinted(list: string, address: string): ListEntry | undefined {
    for (const entry of this.byId.values())
      if (entry.list === list && entry.address === address && entry.parentId === undefined) return entry;
    return undefined;
  }

  /** Whether a rule sees `address` in `list` now: present, enabled, and past its visibility delay. */
  matches(list: string, address: number, now: number): boolean {
    const host = this.hosts.get(list)?.get(address);
    if (host !== undefined && !host.disabled && host.visibleAt <= now) return true;
    const prefixes = this.prefixes.get(list);
    if (prefixes === undefined) return false;
    for (const e of prefixes) if (!e.disabled && e.visibleAt <= now && covers(e, address)) return true;
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
    dynamic,
    now,
    visibleAt,
  }: AddressListConfig & { now: number; visibleAt: number }): ListEntry | "duplicate" | "invalid" {
    const parsed = parseListAddress(address);
    if (parsed === undefined) return "invalid";
    const text = printed(parsed);
    if (parsed.kind === "cidr" ? this.find(list, parsed.cidr) !== undefined : this.findPrinted(list, text) !== undefined)
      return "duplicate";
    const isDynamic = dynamic === true || timeoutMs !== undefined;
    const cidr = parsed.kind === "cidr" ? parsed.cidr : { network: parsed.kind === "range" ? parsed.from : 0, prefix: -1, mask: 0 };
    const entry = this.insert({
      list,
      cidr,
      timeoutMs,
      dynamic: isDynamic,
      disabled,
      comment,
      now,
      visibleAt,
      address: text,
      extra: parsed,
    });
    if (parsed.kind === "fqdn") {
      // resolved addresses appear as dynamic entries of the same list (comment: the name they came from)
      for (const ip of this.resolve(parsed.name)) {
        if (this.hosts.get(list)?.has(ip)) continue;
        const child = this.insert({
          list,
          cidr: { network: ip, prefix: 32, mask: 0xffffffff },
          dynamic: true,
          disabled,
          comment: parsed.name,
          now,
          visibleAt,
        });
        child.parentId = entry.id;
      }
    }
    return entry;
  }

  remove(id: number): ListEntry | undefined {
    const entry = this.byId.get(id);
    if (entry === undefined) return undefined;
    if (entry.fqdn !== undefined) for (const child of [...this.byId.values()]) if (child.parentId === id) this.remove(child.id);
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
    const parsed = change.address === undefined ? undefined : parseListAddress(change.address);
    // a DNS-name entry keeps its name (changing one into another is not modelled)
    if (change.address !== undefined && (parsed === undefined || parsed.kind === "fqdn" || entry.fqdn !== undefined)) return "invalid";
    const cidr =
      parsed === undefined
        ? entry.cidr
        : parsed.kind === "cidr"
          ? parsed.cidr
          : { network: parsed.kind === "range" ? parsed.from : 0, prefix: -1, mask: 0 };
    const list = change.list ?? entry.list;
    const address = parsed === undefined ? entry.address : printed(parsed);
    const other =
      parsed?.kind === "cidr" || (parsed === undefined && entry.range === undefined)
        ? this.find(list, cidr)
        : this.findPrinted(list, address);
    if (other !== undefined && other !== entry) return "duplicate";
    this.observer?.before(entry);
    this.unindex(entry);
    entry.row = undefined;
    entry.list = list;
    entry.cidr = cidr;
    entry.address = address;
    if (parsed?.kind === "range") entry.range = { from: parsed.from, to: parsed.to };
    else if (parsed?.kind === "cidr") delete entry.range;
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
    address,
    extra,
  }: {
    list: string;
    cidr: Cidr;
    timeoutMs?: number;
    dynamic: boolean;
    disabled: boolean;
    comment?: string;
    now: number;
    visibleAt: number;
    address?: string;
    extra?: ListAddress;
  }): ListEntry {
    const entry: ListEntry = {
      id: this.nextId++,
      list,
      cidr,
      ...(extra?.kind === "range" ? { range: { from: extra.from, to: extra.to } } : {}),
      ...(extra?.kind === "fqdn" ? { fqdn: extra.name } : {}),
      address: address ?? formatCidr(cidr),
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
    if (entry.fqdn !== undefined) return;
    if (entry.cidr.prefix === 32) this.hosts.get(entry.list)?.delete(entry.cidr.network);
    else {
      const arr = this.prefixes.get(entry.list);
      if (arr) arr.splice(arr.indexOf(entry), 1);
    }
  }

  private index(entry: ListEntry): void {
    this.byId.set(entry.id, entry);
    if (entry.fqdn !== undefined) {
      this.version++;
      return;
    }
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
