import { z } from "zod";
import { parseCidr, type Cidr } from "../../engine/ip";
import type { FirewallRule, FirewallTable, Negatable, PccFields, PortRanges } from "../config";
import { formatDuration, parseDuration } from "../format";
import { cidr, duration, isYes, name, negName, ParamsError, paramIssues, text, yesNo, type ParamIssue } from "./values";

// One firewall rule from its parameters, for /ip firewall filter, mangle, nat and raw alike: the export
// loader and the API's add/set both come through here, so a rule means the same whichever way it came.

const ADDRESS_TYPES = ["unicast", "local", "broadcast", "multicast", "blackhole", "prohibit", "unreachable"];
const STATES = ["new", "established", "related", "invalid", "untracked"];

const list = (values: readonly string[], what: string) =>
  z.string().refine(
    (v) =>
      v
        .replace(/^!/, "")
        .split(",")
        .every((p) => values.includes(p)),
    `expected ${what}`,
  );
const ports = z.string().regex(/^!?\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*$/, "expected ports like 80,443 or 8000-8100");
const nth = z
  .string()
  .regex(/^\d+,\d+$/, "expected every,packet such as 2,1")
  .refine((v) => {
    const [every, packet] = v.split(",").map(Number) as [number, number];
    return every >= 1 && packet >= 1 && packet <= every;
  }, "packet must be between 1 and every");
const PCC_FIELDS = [
  "src-address",
  "dst-address",
  "both-addresses",
  "src-port",
  "dst-port",
  "both-ports",
  "both-addresses-and-ports",
  "src-address-and-port",
];
const pcc = z
  .string()
  .regex(new RegExp(`^!?(${PCC_FIELDS.join("|")}):\\d+/\\d+$`), "expected fields:denominator/remainder such as both-addresses:3/0")
  .refine((v) => {
    const [den, rem] = v.split(":")[1]!.split("/").map(Number) as [number, number];
    return den >= 1 && rem < den;
  }, "remainder must be below the denominator");

/** Matchers the engine evaluates. */
const MODELLED = {
  chain: name,
  "in-interface": negName.optional(),
  "out-interface": negName.optional(),
  "in-interface-list": negName.optional(),
  "out-interface-list": negName.optional(),
  "src-address": cidr.optional(),
  "dst-address": cidr.optional(),
  "src-address-list": negName.optional(),
  "dst-address-list": negName.optional(),
  "src-address-type": list(ADDRESS_TYPES, "address types like local or unicast").optional(),
  "dst-address-type": list(ADDRESS_TYPES, "address types like local or unicast").optional(),
  protocol: z
    .string()
    .regex(/^!?[a-z0-9-]+$/, "expected a protocol such as tcp, udp or icmp")
    .optional(),
  "src-port": ports.optional(),
  "dst-port": ports.optional(),
  port: ports.optional(),
  "connection-state": list(STATES, "connection states like new,established").optional(),
  "connection-mark": negName.optional(),
  "routing-mark": negName.optional(),
  "packet-mark": negName.optional(),
  "connection-nat-state": list(["srcnat", "dstnat"], "srcnat or dstnat").optional(),
  "ipsec-policy": z
    .string()
    .regex(/^(in|out),(ipsec|none)$/, "expected in,ipsec or out,none")
    .optional(),
  nth: nth.optional(),
  "per-connection-classifier": pcc.optional(),
};

/**
 * Matchers RouterOS has that the engine does not evaluate. A rule using one is accepted, as RouterOS
 * accepts it, but never matches simulated traffic; export loading reports it (see `unmodelled`).
 */
export const UNMODELLED_MATCHERS = [
  "connection-bytes",
  "connection-limit",
  "connection-rate",
  "connection-type",
  "content",
  "dscp",
  "dst-limit",
  "fragment",
  "hotspot",
  "icmp-options",
  "ingress-priority",
  "ipv4-options",
  "layer7-protocol",
  "limit",
  "packet-size",
  "priority",
  "psd",
  "random",
  "src-mac-address",
  "tcp-flags",
  "tcp-mss",
  "time",
  "tls-host",
  "ttl",
] as const;

const OTHER = Object.fromEntries(UNMODELLED_MATCHERS.map((key) => [key, text.optional()]));

const COMMON = {
  ...MODELLED,
  ...OTHER,
  "jump-target": name.optional(),
  "address-list": name.optional(),
  "address-list-timeout": duration.optional(),
  passthrough: yesNo.optional(),
  log: yesNo.optional(),
  "log-prefix": text.optional(),
  comment: text.optional(),
  disabled: yesNo.optional(),
};

const ACTIONS: Record<FirewallTable, readonly string[]> = {
  mangle: [
    "accept",
    "add-dst-to-address-list",
    "add-src-to-address-list",
    "change-dscp",
    "change-mss",
    "change-ttl",
    "clear-df",
    "fasttrack-connection",
    "jump",
    "log",
    "mark-connection",
    "mark-packet",
    "mark-routing",
    "passthrough",
    "return",
    "route",
    "set-priority",
    "sniff-pc",
    "sniff-tzsp",
    "strip-ipv4-options",
  ],
  nat: [
    "accept",
    "add-dst-to-address-list",
    "add-src-to-address-list",
    "dst-nat",
    "endpoint-independent-nat",
    "jump",
    "log",
    "masquerade",
    "netmap",
    "passthrough",
    "redirect",
    "return",
    "same",
    "src-nat",
  ],
  filter: [
    "accept",
    "add-dst-to-address-list",
    "add-src-to-address-list",
    "drop",
    "fasttrack-connection",
    "jump",
    "log",
    "passthrough",
    "reject",
    "return",
    "tarpit",
  ],
  raw: ["accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "jump", "log", "notrack", "passthrough", "return"],
};

/** Actions whose effect on a packet the engine does not model (mangle's packet rewrites do not matter to it). */
const UNMODELLED_ACTIONS = new Set(["route", "endpoint-independent-nat", "same", "tarpit"]);

const SCHEMAS: Record<FirewallTable, z.ZodObject> = {
  mangle: z
    .object({
      ...COMMON,
      action: z.enum(ACTIONS.mangle as [string, ...string[]]).optional(),
      "new-connection-mark": name.optional(),
      "new-routing-mark": name.optional(),
      "new-packet-mark": name.optional(),
      "new-mss": text.optional(),
      "new-dscp": text.optional(),
      "new-ttl": text.optional(),
      "new-priority": text.optional(),
      "route-dst": text.optional(),
      "sniff-target": text.optional(),
      "sniff-target-port": text.optional(),
      "sniff-id": text.optional(),
    })
    .strict(),
  nat: z
    .object({
      ...COMMON,
      action: z.enum(ACTIONS.nat as [string, ...string[]]).optional(),
      "to-addresses": text.optional(),
      "to-ports": text.optional(),
    })
    .strict(),
  filter: z
    .object({
      ...COMMON,
      action: z.enum(ACTIONS.filter as [string, ...string[]]).optional(),
      "reject-with": text.optional(),
      "hw-offload": yesNo.optional(),
    })
    .strict(),
  raw: z
    .object({ ...COMMON, action: z.enum(ACTIONS.raw as [string, ...string[]]).optional() })
    .omit({ "connection-mark": true, "connection-state": true, "connection-nat-state": true })
    .strict(),
};

const NEEDS: Record<string, string[]> = {
  "mark-connection": ["new-connection-mark"],
  "mark-routing": ["new-routing-mark"],
  "mark-packet": ["new-packet-mark"],
  "add-src-to-address-list": ["address-list"],
  "add-dst-to-address-list": ["address-list"],
  "src-nat": ["to-addresses"],
  "dst-nat": ["to-addresses"],
  netmap: ["to-addresses"],
  jump: ["jump-target"],
};

/** Actions that may continue to the next rule, so RouterOS shows their passthrough. */
const PASSTHROUGH_ACTIONS = new Set(["mark-connection", "mark-routing", "mark-packet", "change-mss", "change-dscp", "change-ttl"]);

/** Validates and compiles one rule; throws ParamsError listing every problem. */
export function compileFirewallRule(table: FirewallTable, params: Record<string, string>): FirewallRule {
  const parsed = SCHEMAS[table].safeParse(params);
  const issues: ParamIssue[] = parsed.success ? [] : paramIssues(parsed.error);
  const action = params.action ?? "accept";
  if (parsed.success) {
    for (const key of NEEDS[action] ?? []) if (params[key] === undefined) issues.push({ kind: "missing", key, detail: `action=${action}` });
  }
  if (issues.length > 0) throw new ParamsError(issues);
  const unmodelled: string[] = UNMODELLED_MATCHERS.filter((key) => params[key] !== undefined);
  if (UNMODELLED_ACTIONS.has(action)) unmodelled.push(`action=${action}`);
  return buildRule(params, action, unmodelled);
}

function buildRule(params: Record<string, string>, action: string, unmodelled: string[]): FirewallRule {
  const timeout = params["address-list-timeout"];
  const printed: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === "disabled" || key === "log" || key === "comment" || key === "log-prefix") continue;
    if (key === "passthrough" || key === "hw-offload") printed[key] = isYes(value) ? "true" : "false";
    else if (key === "address-list-timeout")
      printed[key] = timeout === "none-dynamic" || timeout === "none-static" ? value : formatDuration(parseDuration(value)!);
    else printed[key] = value;
  }
  printed.action = action;
  if (PASSTHROUGH_ACTIONS.has(action) && printed.passthrough === undefined) printed.passthrough = "true";
  const pccText = params["per-connection-classifier"];
  return {
    chain: params.chain!,
    action,
    inInterface: neg(params["in-interface"], (v) => v),
    outInterface: neg(params["out-interface"], (v) => v),
    inInterfaceList: neg(params["in-interface-list"], (v) => v),
    outInterfaceList: neg(params["out-interface-list"], (v) => v),
    srcAddress: neg(params["src-address"], (v) => parseCidr(v) as Cidr),
    dstAddress: neg(params["dst-address"], (v) => parseCidr(v) as Cidr),
    srcAddressList: neg(params["src-address-list"], (v) => v),
    dstAddressList: neg(params["dst-address-list"], (v) => v),
    srcAddressType: neg(params["src-address-type"], (v) => new Set(v.split(","))),
    dstAddressType: neg(params["dst-address-type"], (v) => new Set(v.split(","))),
    srcPort: neg(params["src-port"], parsePorts),
    dstPort: neg(params["dst-port"], parsePorts),
    anyPort: neg(params.port, parsePorts),
    connectionState: neg(params["connection-state"], (v) => new Set(v.split(","))),
    connectionMark: neg(params["connection-mark"], (v) => v),
    routingMark: neg(params["routing-mark"], (v) => v),
    packetMark: neg(params["packet-mark"], (v) => v),
    connectionNatState: neg(params["connection-nat-state"], (v) => new Set(v.split(","))),
    ipsecPolicy: params["ipsec-policy"],
    protocol: neg(params.protocol, (v) => v),
    nth: params.nth === undefined ? undefined : { every: Number(params.nth.split(",")[0]), packet: Number(params.nth.split(",")[1]) },
    pcc: pccText === undefined ? undefined : parsePcc(pccText),
    newConnectionMark: params["new-connection-mark"],
    newRoutingMark: params["new-routing-mark"],
    newPacketMark: params["new-packet-mark"],
    jumpTarget: params["jump-target"],
    passthrough: PASSTHROUGH_ACTIONS.has(action) ? params.passthrough === undefined || isYes(params.passthrough) : true,
    addressList: params["address-list"],
    addressListTimeoutMs:
      timeout === undefined || timeout === "none-static" ? undefined : timeout === "none-dynamic" ? Infinity : parseDuration(timeout),
    toAddresses: params["to-addresses"],
    disabled: isYes(params.disabled),
    comment: params.comment,
    unmodelled,
    params: { ...params },
    printed,
  };
}

function parsePcc(text: string): NonNullable<FirewallRule["pcc"]> {
  const negate = text.startsWith("!");
  const [fields, ratio] = text.replace(/^!/, "").split(":") as [string, string];
  const [denominator, remainder] = ratio.split("/").map(Number) as [number, number];
  return { fields: fields as PccFields, denominator, remainder, negate };
}

function parsePorts(text: string): PortRanges {
  return text.split(",").map((part) => {
    const [from, to] = part.split("-").map(Number) as [number, number | undefined];
    return [from, to ?? from];
  });
}

function neg<T>(value: string | undefined, convert: (v: string) => T): Negatable<T> | undefined {
  if (value === undefined) return undefined;
  const negate = value.startsWith("!");
  return { value: convert(negate ? value.slice(1) : value), negate };
}

export const FIREWALL_TABLES: readonly FirewallTable[] = ["filter", "mangle", "nat", "raw"];
