import { z } from "zod";
import { cidr, duration, int, ip, name, text, yesNo } from "../rules/values";

// One zod schema per menu of an export script: `.strict()` turns every unknown parameter into an error.
// Firewall rules and routes have their own compilers in ../rules (the API's add and set use them too).
const common = { comment: text.optional(), disabled: yesNo.optional() };

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
  "ip firewall address-list": z.object({ list: name, address: cidr, timeout: duration.optional(), ...common }).strict(),
  "routing table": z.object({ name, fib: z.literal("").optional(), ...common }).strict(),
  "system identity": z.object({ name: z.string().min(1) }).strict(),
};
