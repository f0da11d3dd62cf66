import { z } from "zod";
import type { RouterClient } from "../client";
import { proplist } from "../client";
import { parseRows, rosFlag, rosName, type RosRow } from "../parse";

// GET /routing/table (v7 only): the tables routes can be put in (`add name=odd fib`).

export type RoutingTable = { name: string; fib: boolean; disabled: boolean };

export const ROUTING_TABLE_PATH = "/routing/table";
const schema = z.object({ name: rosName, fib: rosFlag, disabled: rosFlag });

export function parseRoutingTables(rows: readonly RosRow[]): RoutingTable[] {
  return parseRows({ path: ROUTING_TABLE_PATH, rows, schema });
}

export async function readRoutingTables(options: { client: RouterClient }): Promise<RoutingTable[]> {
  const { client } = options;
  if ((await client.version()).routing !== "v7") return [];
  return parseRoutingTables(await client.run([`${ROUTING_TABLE_PATH}/print`, proplist(["name", "fib", "disabled"])]));
}
