import { z } from "zod";
import type { RouterClient } from "../client";
import { anyOf, proplist } from "../client";
import { parseRows, rosCount, rosFlag, rosName, type RosRow } from "../parse";

// GET /interface =stats= for the WAN interfaces only: byte counters (rates come from deltas) and state.

export type InterfaceStats = {
  name: string;
  type: string | null;
  running: boolean;
  disabled: boolean;
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
  linkDowns: number;
};

export const INTERFACE_PATH = "/interface";
const FIELDS = ["name", "type", "running", "disabled", "rx-byte", "tx-byte", "rx-packet", "tx-packet", "link-downs"];
const zero = rosCount.optional().transform((n) => n ?? 0);

const schema = z
  .object({
    name: rosName,
    type: z.string().max(64).optional(),
    running: rosFlag,
    disabled: rosFlag,
    "rx-byte": zero,
    "tx-byte": zero,
    "rx-packet": zero,
    "tx-packet": zero,
    "link-downs": zero,
  })
  .transform((r) => ({
    name: r.name,
    type: r.type ?? null,
    running: r.running,
    disabled: r.disabled,
    rxBytes: r["rx-byte"],
    txBytes: r["tx-byte"],
    rxPackets: r["rx-packet"],
    txPackets: r["tx-packet"],
    linkDowns: r["link-downs"],
  }));

export function parseInterfaces(rows: readonly RosRow[]): InterfaceStats[] {
  return parseRows({ path: INTERFACE_PATH, rows, schema });
}

export async function readInterfaces(options: { client: Pick<RouterClient, "run">; names: readonly string[] }): Promise<InterfaceStats[]> {
  const { client, names } = options;
  if (names.length === 0) return [];
  const rows = await client.run([`${INTERFACE_PATH}/print`, "=stats=", proplist(FIELDS), ...anyOf("name", names)]);
  const wanted = new Set(names);
  return parseInterfaces(rows).filter((i) => wanted.has(i.name));
}
