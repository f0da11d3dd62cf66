import { z } from "zod";
import type { RouterClient } from "../client";
import { proplist } from "../client";
import { parseRows, rosFlag, rosId, rosName, rosText, type RosRow } from "../parse";

// GET /ip/firewall/nat: srcnat rules name the WAN interfaces (masquerade out-interface=wlan1).

export type NatRule = {
  id: string;
  chain: string;
  action: string;
  outInterface: string | null;
  outInterfaceList: string | null;
  srcAddress: string | null;
  toAddresses: string | null;
  disabled: boolean;
  comment: string | null;
};

export const NAT_PATH = "/ip/firewall/nat";
const FIELDS = [".id", "chain", "action", "out-interface", "out-interface-list", "src-address", "to-addresses", "disabled", "comment"];

const optional = (s: z.ZodType<string>) => s.optional().transform((v) => v ?? null);

const schema = z
  .object({
    ".id": rosId,
    chain: rosName,
    action: rosName,
    "out-interface": optional(rosName),
    "out-interface-list": optional(rosName),
    "src-address": optional(z.string().max(128)),
    "to-addresses": optional(z.string().max(128)),
    disabled: rosFlag,
    comment: optional(rosText),
  })
  .transform((r) => ({
    id: r[".id"],
    chain: r.chain,
    action: r.action,
    outInterface: r["out-interface"],
    outInterfaceList: r["out-interface-list"],
    srcAddress: r["src-address"],
    toAddresses: r["to-addresses"],
    disabled: r.disabled,
    comment: r.comment,
  }));

export function parseNat(rows: readonly RosRow[]): NatRule[] {
  return parseRows({ path: NAT_PATH, rows, schema });
}

export async function readNat(options: { client: Pick<RouterClient, "run"> }): Promise<NatRule[]> {
  const { client } = options;
  return parseNat(await client.run([`${NAT_PATH}/print`, proplist(FIELDS)]));
}
