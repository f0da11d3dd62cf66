import { z } from "zod";
import { cidr, duration, int, ip, name, text, yesNo } from "../rules/values";

// One zod schema per menu of an export script. `.strict()` menus refuse unknown parameters, because each
// of theirs can change what is simulated; `.passthrough()` menus (ports, bridges, clients) keep what they
// need and accept the rest of RouterOS's properties (speed, mtu, ssid...), which change nothing simulated.
// Firewall rules and routes have their own compilers in ../rules (the API's add and set use them too).
const common = { comment: text.optional(), disabled: yesNo.optional() };

export const SERVICE_ITEMS = ["telnet", "ftp", "www", "ssh", "www-ssl", "api", "winbox", "api-ssl"];

/** An IPv4 address, a prefix, a range a-b, or a DNS name (resolved by the simulator's own table). */
const listAddress = z
  .string()
  .regex(
    /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}|[A-Za-z0-9]([A-Za-z0-9-]*\.)+[A-Za-z]{2,})$/,
    "expected an address, a prefix, a range or a DNS name",
  );

export const SCRIPT_SCHEMAS = {
  "ip service": z
    .object({
      port: int(1, 65535).optional(),
      address: z.string().optional(),
      certificate: z.string().optional(),
      "tls-version": z.enum(["any", "only-1.2"]).optional(),
      "max-sessions": int(1, 1000).optional(),
      vrf: z.string().optional(),
      disabled: yesNo.optional(),
    })
    .strict(),
  "ip address": z.object({ address: cidr, network: ip.optional(), broadcast: ip.optional(), interface: name, ...common }).strict(),
  "ip firewall address-list": z
    .object({ list: name, address: listAddress, timeout: duration.optional(), dynamic: yesNo.optional(), ...common })
    .strict(),
  "routing table": z.object({ name, fib: z.literal("").optional(), ...common }).strict(),
  "system identity": z.object({ name: z.string().min(1) }).strict(),
  "interface ethernet": z.object({ name: name.optional(), ...common }).passthrough(),
  "interface wireless": z.object({ name: name.optional(), ...common }).passthrough(),
  "interface bridge": z.object({ name, ...common }).passthrough(),
  "interface bridge port": z.object({ bridge: name, interface: name, ...common }).passthrough(),
  "interface vlan": z.object({ name, interface: name, "vlan-id": int(1, 4094), ...common }).passthrough(),
  "interface list": z.object({ name, include: text.optional(), exclude: text.optional(), ...common }).strict(),
  "interface list member": z.object({ list: name, interface: name, ...common }).strict(),
  "interface pppoe-client": z
    .object({
      name,
      interface: name,
      "add-default-route": yesNo.optional(),
      "default-route-distance": int(0, 255).optional(),
      ...common,
    })
    .passthrough(),
  "ip dhcp-client": z
    .object({
      interface: name,
      "add-default-route": z.enum(["yes", "no", "special-classless"]).optional(),
      "default-route-distance": int(0, 255).optional(),
      ...common,
    })
    .passthrough(),
  "ip pool": z.object({ name, ranges: text, "next-pool": name.optional(), comment: text.optional() }).strict(),
  "ip dhcp-server": z
    .object({ name, interface: name, "address-pool": name.optional(), "lease-time": duration.optional(), ...common })
    .passthrough(),
  "ip dhcp-server network": z.object({ address: cidr, gateway: ip.optional(), "dns-server": text.optional(), ...common }).passthrough(),
  "ip dhcp-server lease": z
    .object({
      address: ip,
      "mac-address": z.string().regex(/^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/, "expected a MAC address like 4C:5E:0C:12:34:56"),
      "client-id": text.optional(),
      server: name.optional(),
      ...common,
    })
    .passthrough(),
  "ip dns": z.object({ servers: text.optional(), "allow-remote-requests": yesNo.optional() }).passthrough(),
  "ip dns static": z.object({ name: text, address: ip, ...common }).passthrough(),
  "tool netwatch": z.object({ host: text, ...common }).passthrough(),
};

export type ScriptMenu = keyof typeof SCRIPT_SCHEMAS;

/**
 * Menus an export holds that change nothing the simulator models: accepted and listed in the load
 * report's `ignored` with this reason, never an error.
 */
export const IGNORED_MENUS: Record<string, string> = {
  "system clock": "router time zone and clock",
  "system ntp client": "time synchronisation",
  "system ntp client servers": "time synchronisation",
  "system ntp server": "time synchronisation",
  "system note": "login banner",
  "system routerboard settings": "boot settings",
  "system routerboard mode-button": "hardware button",
  "system logging": "logging",
  "system logging action": "logging",
  "system script": "scripts only run when called; nothing in the simulator calls them",
  "system leds": "hardware",
  "system package update": "upgrades",
  "ip cloud": "MikroTik cloud services",
  "ip neighbor discovery-settings": "neighbour discovery",
  "ip settings": "IP stack tuning",
  "ip ssh": "SSH service settings",
  "ip upnp": "UPnP",
  "ip smb": "file sharing",
  "ip proxy": "web proxy",
  "ip socks": "SOCKS proxy",
  "ip firewall connection tracking": "connection tracking timeouts (the simulator uses RouterOS's defaults)",
  "ip firewall service-port": "NAT helpers",
  "ip dhcp-server option": "DHCP options",
  "ipv6 settings": "IPv6 is not simulated",
  "ipv6 address": "IPv6 is not simulated",
  "ipv6 route": "IPv6 is not simulated",
  "ipv6 nd": "IPv6 is not simulated",
  "ipv6 dhcp-client": "IPv6 is not simulated",
  "ipv6 firewall address-list": "IPv6 is not simulated",
  "ipv6 firewall filter": "IPv6 is not simulated",
  "ipv6 firewall mangle": "IPv6 is not simulated",
  "ipv6 firewall nat": "IPv6 is not simulated",
  "ipv6 firewall raw": "IPv6 is not simulated",
  "interface detect-internet": "internet detection",
  "interface bridge settings": "bridge tuning",
  "interface ethernet switch": "switch chip settings",
  "interface wireless security-profiles": "wireless security",
  "interface wireless channels": "wireless channels",
  "interface wifi": "wireless settings",
  "interface wifi configuration": "wireless settings",
  "interface wifi security": "wireless security",
  "interface wifi channel": "wireless channels",
  "interface wifi datapath": "wireless settings",
  "interface wifi steering": "wireless settings",
  "interface wifi provisioning": "wireless settings",
  "interface wifi cap": "wireless settings",
  "interface wifi capsman": "wireless settings",
  "queue type": "queues shape bandwidth, which the simulator does not model; they change no marks or routes",
  "queue simple": "queues shape bandwidth, which the simulator does not model; they change no marks or routes",
  "queue tree": "queues shape bandwidth, which the simulator does not model; they change no marks or routes",
  snmp: "SNMP",
  "snmp community": "SNMP",
  "tool mac-server": "MAC access",
  "tool mac-server mac-winbox": "MAC access",
  "tool mac-server ping": "MAC access",
  "tool bandwidth-server": "bandwidth test server",
  "tool romon": "RoMON",
  "tool graphing": "graphs",
  "tool graphing interface": "graphs",
  "tool graphing resource": "graphs",
  "tool sniffer": "packet capture",
  user: "users (the simulator has its API user)",
  "user group": "users (the simulator has its API user)",
  "user aaa": "RADIUS for users",
  "user settings": "password policy",
  "certificate settings": "certificates",
  "disk settings": "storage",
  lcd: "front panel",
  port: "serial ports",
};
