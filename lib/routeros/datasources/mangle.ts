import { z } from "zod";
import type { RouterClient } from "../client";
import { proplist } from "../client";
import { parseRows, rosCount, rosDuration, rosFlag, rosId, rosName, rosText, type RosRow } from "../parse";

// GET /ip/firewall/mangle =stats=: the rules (for discovery) and their packet counters (for the measured
// split of new connections). Matchers like "!odd" are kept with their negation.

export type Matcher = { value: string; negated: boolean };
export type Nth = { every: number; packet: number };
export type Pcc = { fields: string; denominator: number; remainder: number; negated: boolean };

export type MangleRule = {
  id: string;
  /** Position in the printed table: rule order decides what each rule sees. */
  order: number;
  chain: string;
  action: string;
  disabled: boolean;
  invalid: boolean;
  dynamic: boolean;
  passthrough: boolean;
  srcAddressList: Matcher | null;
  dstAddressList: Matcher | null;
  connectionMark: Matcher | null;
  connectionState: string | null;
  inInterface: Matcher | null;
  outInterface: Matcher | null;
  dstAddressType: string | null;
  nth: Nth | null;
  pcc: Pcc | null;
  newConnectionMark: string | null;
  newRoutingMark: string | null;
  addressList: string | null;
  /** Seconds; null when absent or when v7 says none-dynamic / none-static (see addressListTimeoutNone). */
  addressListTimeoutSeconds: number | null;
  /** v7's address-list-timeout=none-dynamic (kept until reboot) or none-static (kept for good); null otherwise. */
  addressListTimeoutNone: "none-dynamic" | "none-static" | null;
  comment: string | null;
  packets: number;
  bytes: number;
};

export const MANGLE_PATH = "/ip/firewall/mangle";
export const MANGLE_FIELDS = [
  ".id",
  "chain",
  "action",
  "disabled",
  "invalid",
  "dynamic",
  "passthrough",
  "src-address-list",
  "dst-address-list",
  "connection-mark",
  "connection-state",
  "in-interface",
  "out-interface",
  "dst-address-type",
  "nth",
  "per-connection-classifier",
  "new-connection-mark",
  "new-routing-mark",
  "address-list",
  "address-list-timeout",
  "comment",
  "packets",
  "bytes",
];

const matcher = z
  .string()
  .max(255)
  .optional()
  .transform((v): Matcher | null =>
    v === undefined || v === "" ? null : v.startsWith("!") ? { value: v.slice(1), negated: true } : { value: v, negated: false },
  );

const nth = z
  .string()
  .regex(/^\d+,\d+$/, "nth must be every,packet")
  .transform((v) => {
    const [every, packet] = v.split(",").map(Number) as [number, number];
    return { every, packet };
  })
  .refine((n) => n.every >= 1 && n.packet >= 1 && n.packet <= n.every, "nth packet must be within 1..every");

const pcc = z
  .string()
  .regex(/^!?[a-z-]+:\d+\/\d+$/, "per-connection-classifier must be fields:denominator/remainder")
  .transform((v) => {
    const negated = v.startsWith("!");
    const [fields, ratio] = (negated ? v.slice(1) : v).split(":") as [string, string];
    const [denominator, remainder] = ratio.split("/").map(Number) as [number, number];
    return { fields, denominator, remainder, negated };
  })
  .refine((p) => p.denominator >= 1 && p.remainder < p.denominator, "pcc remainder must be below the denominator");

const optionalName = rosName.optional().transform((v) => v ?? null);

const schema = z.object({
  ".id": rosId,
  chain: rosName,
  action: rosName,
  disabled: rosFlag,
  invalid: rosFlag,
  dynamic: rosFlag,
  passthrough: rosFlag,
  "src-address-list": matcher,
  "dst-address-list": matcher,
  "connection-mark": matcher,
  "connection-state": z.string().max(128).optional(),
  "in-interface": matcher,
  "out-interface": matcher,
  "dst-address-type": z.string().max(128).optional(),
  nth: nth.optional(),
  "per-connection-classifier": pcc.optional(),
  "new-connection-mark": optionalName,
  "new-routing-mark": optionalName,
  "address-list": optionalName,
  "address-list-timeout": z.union([z.enum(["none-dynamic", "none-static"]), rosDuration]).optional(),
  comment: rosText.optional(),
  packets: rosCount.optional(),
  bytes: rosCount.optional(),
});

export function parseMangle(rows: readonly RosRow[]): MangleRule[] {
  return parseRows({ path: MANGLE_PATH, rows, schema }).map((r, order) => ({
    id: r[".id"],
    order,
    chain: r.chain,
    action: r.action,
    disabled: r.disabled,
    invalid: r.invalid,
    dynamic: r.dynamic,
    passthrough: r.passthrough,
    srcAddressList: r["src-address-list"],
    dstAddressList: r["dst-address-list"],
    connectionMark: r["connection-mark"],
    connectionState: r["connection-state"] ?? null,
    inInterface: r["in-interface"],
    outInterface: r["out-interface"],
    dstAddressType: r["dst-address-type"] ?? null,
    nth: r.nth ?? null,
    pcc: r["per-connection-classifier"] ?? null,
    newConnectionMark: r["new-connection-mark"],
    newRoutingMark: r["new-routing-mark"],
    addressList: r["address-list"],
    addressListTimeoutSeconds: typeof r["address-list-timeout"] === "number" ? r["address-list-timeout"] : null,
    addressListTimeoutNone: typeof r["address-list-timeout"] === "string" ? r["address-list-timeout"] : null,
    comment: r.comment ?? null,
    packets: r.packets ?? 0,
    bytes: r.bytes ?? 0,
  }));
}

/** The whole table with counters (small: tens of rules). */
export async function readMangle(options: { client: Pick<RouterClient, "run"> }): Promise<MangleRule[]> {
  const { client } = options;
  return parseMangle(await client.run([`${MANGLE_PATH}/print`, "=stats=", proplist(MANGLE_FIELDS)]));
}

export type RuleCounter = { id: string; packets: number; bytes: number };

const COUNTER_FIELDS = [".id", "packets", "bytes"];
const counterSchema = z.object({ ".id": rosId, packets: rosCount.optional(), bytes: rosCount.optional() });

export function parseRuleCounters(rows: readonly RosRow[]): RuleCounter[] {
  return parseRows({ path: MANGLE_PATH, rows, schema: counterSchema }).map((r) => ({
    id: r[".id"],
    packets: r.packets ?? 0,
    bytes: r.bytes ?? 0,
  }));
}

/** Only the counters of the mark-connection rules (where the classifiers are): a few short rows per poll. */
export async function readMangleCounters(options: { client: Pick<RouterClient, "run"> }): Promise<RuleCounter[]> {
  const { client } = options;
  return parseRuleCounters(await client.run([`${MANGLE_PATH}/print`, "=stats=", proplist(COUNTER_FIELDS), "?action=mark-connection"]));
}
