import { z } from "zod";
import type { RouterClient } from "../client";
import { proplist } from "../client";
import { parseRows, rosFlag, rosName, type RosRow } from "../parse";

// GET /ip/address: ties a gateway to the interface whose subnet contains it, when the route does not say.

export type IpAddress = { address: string; network: string | null; interface: string; disabled: boolean };

export const IP_ADDRESS_PATH = "/ip/address";

const schema = z
  .object({
    address: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "expected a.b.c.d/len"),
    network: z.string().max(64).optional(),
    interface: rosName,
    disabled: rosFlag,
  })
  .transform((r) => ({ address: r.address, network: r.network ?? null, interface: r.interface, disabled: r.disabled }));

export function parseIpAddresses(rows: readonly RosRow[]): IpAddress[] {
  return parseRows({ path: IP_ADDRESS_PATH, rows, schema });
}

export async function readIpAddresses(options: { client: Pick<RouterClient, "run"> }): Promise<IpAddress[]> {
  const { client } = options;
  return parseIpAddresses(await client.run([`${IP_ADDRESS_PATH}/print`, proplist(["address", "network", "interface", "disabled"])]));
}

function toInt(ip: string): number | null {
  const parts = ip.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** The interface whose address/prefix contains `ip`, or null. */
export function interfaceForIp(addresses: readonly IpAddress[], ip: string): string | null {
  const target = toInt(ip);
  if (target === null) return null;
  for (const a of addresses) {
    if (a.disabled) continue;
    const [addr, len] = a.address.split("/");
    const base = toInt(addr ?? "");
    const bits = Number(len);
    if (base === null || !(bits >= 0 && bits <= 32)) continue;
    const size = 2 ** (32 - bits);
    if (Math.floor(base / size) === Math.floor(target / size)) return a.interface;
  }
  return null;
}
