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

export async function readAddressList(client: Pick<RouterClient, "run">, list: string): Promise<AddressListEntry[]> {
  const rows = await client.run([`${ADDRESS_LIST_PATH}/print`, proplist(FIELDS), `?list=${list}`]);
  return parseAddressList({ list, rows });
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** v6 "jan/02/2024 10:11:12" or v7 "2024-01-02 10:11:12" → epoch ms, reading router-local time as UTC. */
export function parseRouterOsDate(text: string): number | null {
  const v7 = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const v6 = /^([a-z]{3})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/i.exec(text);
  const parts = v7
    ? [v7[1], String(Number(v7[2]) - 1), v7[3], v7[4], v7[5], v7[6]]
    : v6
      ? [v6[3], String(MONTHS.indexOf((v6[1] ?? "").toLowerCase())), v6[2], v6[4], v6[5], v6[6]]
      : undefined;
  if (!parts || parts[1] === "-1") return null;
  const [y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo, d, h, mi, s);
  return Number.isFinite(ms) ? ms : null;
}
