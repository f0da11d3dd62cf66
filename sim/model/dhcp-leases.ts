import { formatIp, inCidr, parseIp } from "../engine/ip";
import type { Rng } from "../traffic/prng";
import type { RouterConfig } from "./config";
import { parseDuration } from "./format";

// /ip dhcp-server lease: the export's static leases plus a dynamic lease for every simulated client in a
// DHCP server's network. Host names come from what real LANs show: many duplicates ("iPhone"), names
// with quotes, markup, right-to-left marks, very long ones and none at all; a tenth of the leases were
// made static and carry a comment. Strings are stored as UTF-8 bytes, as RouterOS keeps them.

export type Lease = {
  id: number;
  address: number;
  macAddress: string;
  clientId?: string;
  hostName?: string;
  server: string;
  dynamic: boolean;
  disabled: boolean;
  comment?: string;
  /** sim ms the lease was (re)bound; dynamic leases renew at half their lease time */
  boundAt: number;
  leaseTimeMs: number;
  /** a client holds it (every dynamic lease; a static one once its client shows up) */
  active: boolean;
};

const utf8 = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

const COMMON_NAMES = ["iPhone", "iPhone", "iPad", "Galaxy-S23", "android-3f1c2a9b", "DESKTOP-4K2J9QH", "MacBook-Pro", "raspberrypi"];
const HOSTILE_NAMES = [
  'Bob\'s "laptop"',
  "<script>alert(1)</script>",
  utf8("\u202Egnp.exe\u200F-invoice"), // RTL override and mark: the name reads differently than it is
  utf8("Zoë’s iPhone"),
  "x".repeat(255),
  "printer; DROP TABLE clients;--",
  utf8("客厅电视"),
];
const OUIS = ["3C:22:FB", "8C:79:F5", "3C:6A:A7", "B8:27:EB", "DA:A1:19", "F0:18:98", "00:1E:C2"];

export class LeaseTable {
  private readonly byId = new Map<number, Lease>();
  private nextId = 1;
  /** bumped on every change so the menu can cache rows */
  version = 0;
  onChange: ((lease: Lease, removed: boolean) => void) | undefined;

  constructor(
    readonly config: RouterConfig,
    private readonly now: () => number,
  ) {
    for (const l of config.dhcpLeases) {
      const address = parseIp(l.address);
      if (address === undefined) continue;
      this.insert({
        address,
        macAddress: l.macAddress,
        clientId: l.clientId,
        server: l.server ?? this.serverFor(address) ?? "all",
        dynamic: false,
        disabled: l.disabled,
        comment: l.comment,
        boundAt: now(),
        leaseTimeMs: this.leaseTimeOf(l.server),
        active: false,
      });
    }
  }

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<Lease> {
    return this.byId.values();
  }

  get(id: number): Lease | undefined {
    return this.byId.get(id);
  }

  byAddress(address: number): Lease | undefined {
    for (const lease of this.byId.values()) if (lease.address === address) return lease;
    return undefined;
  }

  /** The DHCP server whose network holds `address`, if the export configures one. */
  serverFor(address: number): string | undefined {
    const onLink = (name: string): boolean => this.config.addresses.some((a) => a.interface === name && inCidr(address, a.cidr));
    return this.config.dhcpServers.find((s) => !s.disabled && onLink(s.interface))?.name;
  }

  /** One lease per simulated client that a DHCP server of this router serves (same seed, same leases). */
  leaseClients(addresses: readonly number[], rng: Rng): void {
    addresses.forEach((address, index) => {
      const r = rng.fork(index + 1);
      const reserved = this.byAddress(address);
      if (reserved !== undefined) {
        // a static lease from the export: its client is here now
        reserved.active = true;
        reserved.hostName = `${r.pick(COMMON_NAMES)}-${index}`;
        reserved.boundAt = this.now();
        this.update(reserved);
        return;
      }
      const server = this.serverFor(address);
      if (server === undefined) return;
      // every ninth client has a hostile name and every tenth none, so even a small LAN shows both
      const pick = r.next();
      const hostName =
        index % 10 === 7
          ? undefined
          : index % 9 === 4
            ? HOSTILE_NAMES[Math.floor(index / 9) % HOSTILE_NAMES.length]
            : `${r.pick(COMMON_NAMES)}${pick < 0.5 ? "" : `-${index}`}`;
      const oui = r.pick(OUIS);
      const tail = [r.int(0, 255), r.int(0, 255), r.int(0, 255)].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(":");
      const macAddress = `${oui}:${tail}`;
      const fixed = r.next() < 0.1;
      this.insert({
        address,
        macAddress,
        clientId: r.next() < 0.85 ? `1:${macAddress.toLowerCase()}` : undefined,
        hostName,
        server,
        dynamic: !fixed,
        disabled: false,
        comment: fixed ? `reserved for ${hostName === undefined ? macAddress : `client ${index}`}` : undefined,
        boundAt: this.now() - r.int(0, 600_000),
        leaseTimeMs: this.leaseTimeOf(server),
        active: true,
      });
    });
  }

  insert(fields: Omit<Lease, "id">): Lease {
    const lease = { id: this.nextId++, ...fields };
    this.byId.set(lease.id, lease);
    this.version++;
    this.onChange?.(lease, false);
    return lease;
  }

  update(lease: Lease): void {
    this.version++;
    this.onChange?.(lease, false);
  }

  remove(lease: Lease): void {
    this.byId.delete(lease.id);
    this.version++;
    this.onChange?.(lease, true);
  }

  /** Reboot: dynamic leases are in RAM; clients bind again (the model re-binds them at once). */
  rebind(): void {
    for (const lease of this.byId.values()) if (lease.dynamic) lease.boundAt = this.now();
    this.version++;
  }

  /** the server's lease-time, else RouterOS 7's default of 30 minutes */
  private leaseTimeOf(server: string | undefined): number {
    const text = this.config.dhcpServers.find((s) => s.name === server)?.leaseTime;
    return (text === undefined ? undefined : parseDuration(text)) ?? 30 * 60_000;
  }
}

export function leaseAddress(lease: Lease): string {
  return formatIp(lease.address);
}
