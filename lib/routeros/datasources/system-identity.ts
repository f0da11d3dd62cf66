import { z } from "zod";
import { RouterProtocolError } from "../errors";
import type { RouterClient } from "../client";
import { parseRow, rosText, type RosRow } from "../parse";

// GET /system/identity: the router's own name (shown next to ours; untrusted text).

export type SystemIdentity = { name: string };

export const SYSTEM_IDENTITY_PATH = "/system/identity";
const schema = z.object({ name: rosText.max(255) });

export function parseSystemIdentity(rows: readonly RosRow[]): SystemIdentity {
  const row = rows[0];
  if (!row) throw new RouterProtocolError(`${SYSTEM_IDENTITY_PATH} returned no row`);
  return parseRow({ path: SYSTEM_IDENTITY_PATH, row, schema });
}

export async function readSystemIdentity(options: { client: Pick<RouterClient, "run"> }): Promise<SystemIdentity> {
  const { client } = options;
  return parseSystemIdentity(await client.run([`${SYSTEM_IDENTITY_PATH}/print`]));
}
