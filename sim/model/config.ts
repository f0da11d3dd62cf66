import type { Cidr } from "../engine/ip";

/** A router's configuration after loading and validating its export script. */
export type RouterConfig = {
  identity?: string;
  addresses: AddressConfig[];
  mangle: FirewallRule[];
  nat: FirewallRule[];
  filter: FirewallRule[];
  raw: FirewallRule[];
  addressLists: AddressListConfig[];
  routes: RouteConfig[];
  routingTables: Array<{ name: string; fib: boolean; comment?: string }>;
  /** `/ip service` settings the export changed, by item name ("api", "api-ssl", "telnet", ...). */
  services: Record<string, ServiceConfig>;
  /** interfaces the export names or creates (ethernet renames, bridges, VLANs, PPPoE clients) */
  interfaces: InterfaceConfig[];
  bridgePorts: Array<{ bridge: string; interface: string; disabled: boolean }>;
  interfaceLists: Array<{ name: string; comment?: string }>;
  interfaceListMembers: Array<{ list: string; interface: string; disabled: boolean }>;
  /** DHCP and PPPoE clients on WAN interfaces: an address and, unless add-default-route=no, a default route */
  wanClients: WanClientConfig[];
  pools: Array<{ name: string; ranges: string }>;
  dhcpServers: Array<{ name: string; interface: string; pool?: string; leaseTime?: string; disabled: boolean }>;
  dhcpNetworks: Array<{ address: string; gateway?: string; dnsServer?: string }>;
  /** static leases of /ip dhcp-server lease */
  dhcpLeases: DhcpLeaseConfig[];
  dns: { servers: string[]; allowRemoteRequests: boolean };
  /** /ip dns static: name → address, the first place address-list DNS names are resolved from */
  dnsStatic: Array<{ name: string; address: string }>;
  /** /tool netwatch entries, parameters as given (v6 or v7 shape) */
  netwatch: Array<Record<string, string>>;
  /** what the export holds that has no effect on what is simulated, or (lenient) that could not be modelled */
  report: LoadReport;
};

export type LoadReport = {
  /** accepted, with no effect on the simulation (management settings, IPv6, queues...) */
  ignored: Array<{ line: number; construct: string; reason: string }>;
  /** lenient loading only: lines left out because the simulator cannot model them */
  skipped: Array<{ line: number; construct: string; message: string }>;
};

export type AddressListConfig = {
  list: string;
  address: string;
  timeoutMs?: number;
  comment?: string;
  disabled: boolean;
  /** v7 `dynamic=yes`: kept in RAM only, like an entry with a timeout */
  dynamic?: boolean;
};

export type InterfaceConfig = {
  name: string;
  /** ether1..ether10, sfp-sfpplus1, wlan1.. for the board's own ports */
  defaultName?: string;
  type: "ether" | "wlan" | "bridge" | "vlan" | "pppoe-out";
  /** a VLAN's or PPPoE client's parent interface */
  parent?: string;
  disabled: boolean;
  comment?: string;
};

export type WanClientConfig = {
  kind: "dhcp" | "pppoe";
  interface: string;
  addDefaultRoute: boolean;
  distance: number;
  disabled: boolean;
};

export type DhcpLeaseConfig = {
  address: string;
  macAddress: string;
  clientId?: string;
  server?: string;
  comment?: string;
  disabled: boolean;
};

export type ServiceConfig = {
  disabled?: boolean;
  maxSessions?: number;
  port?: string;
  address?: string;
  certificate?: string;
  "tls-version"?: string;
  vrf?: string;
};

export type AddressConfig = {
  address: number;
  cidr: Cidr;
  text: string; // "192.168.0.1/24" as printed
  network: string;
  broadcast?: string;
  interface: string;
  comment?: string;
  disabled: boolean;
  /** given by a DHCP or PPPoE client, not configured: not exported */
  dynamic?: boolean;
};

export type Negatable<T> = { value: T; negate: boolean };

export type PccFields =
  | "src-address"
  | "dst-address"
  | "both-addresses"
  | "src-port"
  | "dst-port"
  | "both-ports"
  | "both-addresses-and-ports"
  | "src-address-and-port";

export type FirewallTable = "filter" | "mangle" | "nat" | "raw";

/** Inclusive port ranges of a `dst-port=80,443,8000-8100` matcher. */
export type PortRanges = Array<[number, number]>;

export type FirewallRule = {
  chain: string;
  action: string;
  inInterface?: Negatable<string>;
  outInterface?: Negatable<string>;
  inInterfaceList?: Negatable<string>;
  outInterfaceList?: Negatable<string>;
  srcAddress?: Negatable<Cidr>;
  dstAddress?: Negatable<Cidr>;
  srcAddressList?: Negatable<string>;
  dstAddressList?: Negatable<string>;
  srcAddressType?: Negatable<Set<string>>;
  dstAddressType?: Negatable<Set<string>>;
  srcPort?: Negatable<PortRanges>;
  dstPort?: Negatable<PortRanges>;
  /** `port=`: either port */
  anyPort?: Negatable<PortRanges>;
  connectionState?: Negatable<Set<string>>;
  connectionMark?: Negatable<string>;
  routingMark?: Negatable<string>;
  packetMark?: Negatable<string>;
  connectionNatState?: Negatable<Set<string>>;
  /** in,ipsec / out,none...: no simulated traffic is IPsec */
  ipsecPolicy?: string;
  protocol?: Negatable<string>;
  nth?: { every: number; packet: number };
  pcc?: { fields: PccFields; denominator: number; remainder: number; negate: boolean };
  newConnectionMark?: string;
  newRoutingMark?: string;
  newPacketMark?: string;
  jumpTarget?: string;
  passthrough: boolean;
  addressList?: string;
  /** undefined: no timeout (static entry) */
  addressListTimeoutMs?: number;
  toAddresses?: string;
  disabled: boolean;
  comment?: string;
  /** matchers or the action the engine cannot evaluate: such a rule never matches simulated traffic */
  unmodelled: string[];
  /** Every parameter as given (export or API, `disabled` and `comment` included), for set and /export. */
  params: Record<string, string>;
  /** The parameters as the API prints them (RouterOS echoes what was configured). */
  printed: Record<string, string>;
};

export type RouteConfig = {
  dst: Cidr;
  gateway: string;
  distance: number;
  scope: number;
  targetScope: number;
  /** v6 routing-mark or v7 routing-table; "main" when absent */
  table: string;
  checkGateway?: "ping" | "arp" | "bfd";
  disabled: boolean;
  comment?: string;
  /** every parameter as given, for set and /export */
  params: Record<string, string>;
  /** added by a DHCP or PPPoE client: not exported */
  dynamic?: boolean;
};
