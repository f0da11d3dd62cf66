import { z } from "zod";
import type { RouterClient } from "../client";
import { proplist } from "../client";
import { parseRows, rosDuration, rosFlag, rosId, type RosRow } from "../parse";

// GET /ip/firewall/address-list, one list at a time with .proplist: whole-table reads time out on
// routers with tens of thousands of entries.

export type AddressListEntry = {
  id: string;
  list: string;
  address: string;
  /** Remaining lifetime; null for static entries (no timeout). */
  timeoutSeconds: number | null;
  dynamic: boolean;
  disabled: boolean;
  /** As the router prints it, in router-local time. */
  creationTime: string | null;
};

export const ADDRESS_LIST_PATH = "/ip/firewall/address-list";
const FIELDS = [".id", "address", "timeout", "dynamic", "disabled", "creation-time"];

const schema = z.object({
  ".id": rosId,
  address: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[0-9A-Za-z.:/\-_]+$/, "not an address, range or host name"),
  timeout: rosDuration.optional(),
  dynamic: rosFlag,
  disabled: rosFlag,
  "creation-time": z.string().max(64).optional(),
});

export function parseAddressList(options: { list: string; rows: readonly RosRow[] }): AddressListEntry[] {
  return parseRows({ path: `${ADDRESS_LIST_PATH} list=${options.list}`, rows: options.rows, schema }).map((r) => ({
    id: r[".id"],
    list: options.list,
    address: r.address,
    timeoutSeconds: r.timeout ?? null,
    dynamic: r.dynamic,
    disabled: r.disabled,
    creationTime: r["creation-time"] ?? null,
  }));
}

export async function readAddressList(options: { client: Pick<RouterClient, "run">; list: string }): Promise<AddressListEntry[]> {
  const { client, list } = options;
  const rows = await client.run([`${ADDRESS_LIST_PATH}/print`, proplist(FIELDS), `?list=${list}`]);
  return parseAddressList({ list, rows });
}
