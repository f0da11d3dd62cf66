import { RouterTrap, type ItemChange, type Menu, type Row } from "../../protocol/router-api";
import { formatIp, parseIp } from "../../engine/ip";
import type { Lease, LeaseTable } from "../dhcp-leases";
import { formatBool, formatDuration, formatId, parseId } from "../format";
import type { SimRouter } from "../router";

const SETTABLE = new Set(["address", "mac-address", "client-id", "server", "comment", "disabled", "lease-time"]);

/**
 * /ip/dhcp-server/lease: static and dynamic leases, with expires-after and last-seen as of the print;
 * add and set make static leases, make-static turns a dynamic one static, listen/follow see every change.
 */
export function leaseMenu(router: SimRouter, leases: LeaseTable): Menu {
  const listeners = new Set<(change: ItemChange) => void>();
  const rows = new Map<number, Row>();
  leases.onChange = (lease, removed) => {
    const previous = rows.get(lease.id);
    rows.delete(lease.id);
    const change: ItemChange = { id: formatId(lease.id), row: removed ? undefined : rowOf(lease), previous };
    for (const listener of listeners) listener(change);
  };
  const rowOf = (lease: Lease): Row => {
    let row = rows.get(lease.id);
    if (row === undefined) rows.set(lease.id, (row = staticRow(lease)));
    const out = { ...row };
    if (lease.active) {
      const now = router.clock.now();
      const half = lease.leaseTimeMs / 2;
      // clients renew at half the lease time, so the remaining time cycles between half and all of it
      const sinceRenew = lease.dynamic ? (now - lease.boundAt) % half : now - lease.boundAt;
      out["expires-after"] = formatDuration(lease.leaseTimeMs - sinceRenew);
      out["last-seen"] = formatDuration(Math.min(sinceRenew, 60_000));
    }
    return out;
  };
  const find = (id: string): Lease => {
    const n = parseId(id);
    const lease = n === undefined ? undefined : leases.get(n);
    if (lease === undefined) throw new RouterTrap("no such item");
    return lease;
  };
  const check = (attributes: Record<string, string>): void => {
    for (const key of Object.keys(attributes)) if (!SETTABLE.has(key)) throw new RouterTrap(`unknown parameter ${key}`);
    if (attributes.address !== undefined && parseIp(attributes.address) === undefined)
      throw new RouterTrap("invalid value for argument address", 1);
    const mac = attributes["mac-address"];
    if (mac !== undefined && !/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/.test(mac))
      throw new RouterTrap("invalid value for argument mac-address", 1);
  };
  return {
    print: () => [...leases.values()].map(rowOf),
    watch: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    add: (attributes) => {
      check(attributes);
      if (attributes.address === undefined) throw new RouterTrap("failure: address not specified");
      if (attributes["mac-address"] === undefined) throw new RouterTrap("failure: mac-address not specified");
      const address = parseIp(attributes.address)!;
      if (leases.byAddress(address) !== undefined) throw new RouterTrap("failure: already have static lease for this address");
      const lease = leases.insert({
        address,
        macAddress: attributes["mac-address"].toUpperCase(),
        clientId: attributes["client-id"],
        server: attributes.server ?? leases.serverFor(address) ?? "all",
        dynamic: false,
        disabled: attributes.disabled === "yes" || attributes.disabled === "true",
        comment: attributes.comment,
        boundAt: router.clock.now(),
        leaseTimeMs: 30 * 60_000,
        active: false,
      });
      return formatId(lease.id);
    },
    set: (id, attributes) => {
      check(attributes);
      const lease = find(id);
      if (attributes.address !== undefined) lease.address = parseIp(attributes.address)!;
      if (attributes["mac-address"] !== undefined) lease.macAddress = attributes["mac-address"].toUpperCase();
      if (attributes["client-id"] !== undefined) lease.clientId = attributes["client-id"] || undefined;
      if (attributes.comment !== undefined) lease.comment = attributes.comment;
      if (attributes.disabled !== undefined) lease.disabled = attributes.disabled === "yes" || attributes.disabled === "true";
      lease.dynamic = false; // RouterOS: a changed lease is a static one
      leases.update(lease);
    },
    remove: (id) => leases.remove(find(id)),
    commands: {
      "make-static": (attributes) => {
        for (const id of (attributes.numbers ?? attributes[".id"] ?? "").split(",")) {
          const lease = find(id);
          lease.dynamic = false;
          leases.update(lease);
        }
        return { kind: "done" };
      },
    },
  };
}

function staticRow(lease: Lease): Row {
  const address = formatIp(lease.address);
  const row: Row = { ".id": formatId(lease.id), address, "mac-address": lease.macAddress };
  if (lease.clientId !== undefined) row["client-id"] = lease.clientId;
  row["address-lists"] = "";
  row.server = lease.server;
  row["dhcp-option"] = "";
  row.status = lease.active && !lease.disabled ? "bound" : "waiting";
  if (lease.active && !lease.disabled) {
    row["active-address"] = address;
    row["active-mac-address"] = lease.macAddress;
    if (lease.clientId !== undefined) row["active-client-id"] = lease.clientId;
    row["active-server"] = lease.server;
    if (lease.hostName !== undefined) row["host-name"] = lease.hostName;
  }
  row.radius = "false";
  row.dynamic = formatBool(lease.dynamic);
  row.blocked = "false";
  row.disabled = formatBool(lease.disabled);
  if (lease.comment !== undefined) row.comment = lease.comment;
  return row;
}

/** /ip/dhcp-server and /ip/dhcp-server/network as the export configures them. */
export function dhcpServerMenu(router: SimRouter): Menu {
  return {
    print: () =>
      router.dataplane.config.dhcpServers.map((s, i) => ({
        ".id": formatId(i + 1),
        name: s.name,
        interface: s.interface,
        "lease-time": s.leaseTime ?? "30m",
        "address-pool": s.pool ?? "static-only",
        invalid: "false",
        dynamic: "false",
        disabled: formatBool(s.disabled),
      })),
  };
}

export function dhcpNetworkMenu(router: SimRouter): Menu {
  return {
    print: () =>
      router.dataplane.config.dhcpNetworks.map((n, i) => {
        const row: Row = { ".id": formatId(i + 1), address: n.address };
        if (n.gateway !== undefined) row.gateway = n.gateway;
        if (n["dnsServer"] !== undefined) row["dns-server"] = n.dnsServer;
        return row;
      }),
  };
}
