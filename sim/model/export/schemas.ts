import { z } from "zod";
import { parseCidr, parseIp } from "../../engine/ip";
import { parseDuration } from "../format";

// One zod schema per menu of an export script: `.strict()` turns every unknown parameter into an error.
const text = z.string();
const name = z.string().regex(/^[^\s!]+$/, "expected a name");
const negName = z.string().regex(/^!?[^\s!]+$/, "expected a name, optionally with !");
const yesNo = z.enum(["yes", "no", "true", "false"]);
const cidr = z.string().refine((v) => parseCidr(v.replace(/^!/, "")) !== undefined, "expected an IPv4 address or prefix");
const ip = z.string().refine((v) => parseIp(v) !== undefined, "expected an IPv4 address");
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "expected a number")
    .refine((v) => Number(v) >= min && Number(v) <= max, `expected ${min}..${max}`);
const duration = z
  .string()
  .refine((v) => parseDuration(v) !== undefined || v === "none-dynamic" || v === "none-static", "expected a time like 1d or 00:05:00");
const states = z
  .string()
  .regex(
    /^!?(new|established|related|invalid|untracked)(,(new|established|related|invalid|untracked))*$/,
    "expected connection states like new,established",
  );
const nth = z
  .string()
  .regex(/^\d+,\d+$/, "expected every,packet such as 2,1")
  .refine((v) => {
    const [every, packet] = v.split(",").map(Number) as [number, number];
    return every >= 1 && packet >= 1 && packet <= every;
  }, "packet must be between 1 and every");
const pcc = z
  .string()
  .regex(
    /^!?(src-address|dst-address|both-addresses|src-port|dst-port|both-ports|both-addresses-and-ports|src-address-and-port):\d+\/\d+$/,
    "expected fields:denominator/remainder such as both-addresses:3/0",
  )
  .refine((v) => {
    const [den, rem] = v.split(":")[1]!.split("/").map(Number) as [number, number];
    return den >= 1 && rem < den;
  }, "remainder must be below the denominator");

const common = { comment: text.optional(), disabled: yesNo.optional() };
const logging = { log: yesNo.optional(), "log-prefix": text.optional() };
const matchers = {
  chain: name,
  "in-interface": negName.optional(),
  "out-interface": negName.optional(),
  "src-address": cidr.optional(),
  "dst-address": cidr.optional(),
  "src-address-list": negName.optional(),
  "dst-address-list": negName.optional(),
  "connection-state": states.optional(),
  "connection-mark": negName.optional(),
  "routing-mark": negName.optional(),
  protocol: z
    .string()
    .regex(/^!?(tcp|udp|icmp)$/, "expected tcp, udp or icmp")
    .optional(),
  nth: nth.optional(),
  "per-connection-classifier": pcc.optional(),
};

const route = {
  "dst-address": cidr.optional(),
  gateway: z.string().min(1),
  distance: int(0, 255).optional(),
  scope: int(0, 255).optional(),
  "target-scope": int(0, 255).optional(),
  "pref-src": ip.optional(),
  ...common,
};

/** The items of /ip service on every RouterOS. */
export const SERVICE_ITEMS = ["telnet", "ftp", "www", "ssh", "www-ssl", "api", "winbox", "api-ssl"];

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
  "ip firewall mangle": z
    .object({
      ...matchers,
      action: z
        .enum(["mark-connection", "mark-routing", "add-src-to-address-list", "add-dst-to-address-list", "accept", "passthrough"])
        .optional(),
      "new-connection-mark": name.optional(),
      "new-routing-mark": name.optional(),
      passthrough: yesNo.optional(),
      "address-list": name.optional(),
      "address-list-timeout": duration.optional(),
      ...logging,
      ...common,
    })
    .strict(),
  "ip firewall nat": z
    .object({
      ...matchers,
      action: z.enum(["masquerade", "src-nat", "accept"]).optional(),
      "to-addresses": ip.optional(),
      ...logging,
      ...common,
    })
    .strict(),
  "ip firewall address-list": z.object({ list: name, address: cidr, timeout: duration.optional(), ...common }).strict(),
  "ip route v6": z.object({ ...route, "routing-mark": name.optional(), "check-gateway": z.enum(["ping", "arp"]).optional() }).strict(),
  "ip route v7": z
    .object({ ...route, "routing-table": name.optional(), "check-gateway": z.enum(["ping", "arp", "bfd"]).optional() })
    .strict(),
  "routing table": z.object({ name, fib: z.literal("").optional(), ...common }).strict(),
  "system identity": z.object({ name: z.string().min(1) }).strict(),
};
