import { z } from "zod";
import { RouterProtocolError, clip } from "../errors";
import type { RouterClient } from "../client";
import { proplist } from "../client";
import { parseRow, rosCount, rosDuration, rosText, type RosRow } from "../parse";
import { parseRouterOsVersion, type RouterOsVersion } from "../version";

// GET /system/resource: version, uptime (reboot detection), CPU load, memory, board.

export type SystemResource = {
  version: RouterOsVersion;
  uptimeSeconds: number;
  cpuLoadPercent: number;
  freeMemoryBytes: number;
  totalMemoryBytes: number | null;
  boardName: string | null;
};

export const SYSTEM_RESOURCE_PATH = "/system/resource";
const FIELDS = ["version", "uptime", "cpu-load", "free-memory", "total-memory", "board-name"];

const UNITS: Record<string, number> = { "": 1, B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** The API prints bytes as plain integers; tolerate "123.5MiB" as the console prints it. */
const rosBytes = z.string().transform((text, ctx) => {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB)?$/.exec(text.trim());
  const value = match ? Math.round(Number(match[1]) * (UNITS[match[2] ?? ""] ?? 1)) : NaN;
  if (!Number.isSafeInteger(value)) {
    ctx.addIssue({ code: "custom", message: `not a byte count: ${JSON.stringify(clip(text, 40))}` });
    return z.NEVER;
  }
  return value;
});

const schema = z.object({
  version: z.string().max(100),
  uptime: rosDuration,
  "cpu-load": rosCount.refine((n) => n <= 100, "cpu-load above 100"),
  "free-memory": rosBytes,
  "total-memory": rosBytes.optional(),
  "board-name": rosText.max(255).optional(),
});

export function parseSystemResource(rows: readonly RosRow[]): SystemResource {
  const row = rows[0];
  if (!row) throw new RouterProtocolError(`${SYSTEM_RESOURCE_PATH} returned no row`);
  const parsed = parseRow({ path: SYSTEM_RESOURCE_PATH, row, schema });
  const version = parseRouterOsVersion(parsed.version);
  if (!version)
    throw new RouterProtocolError(`${SYSTEM_RESOURCE_PATH}: unknown version format ${JSON.stringify(clip(parsed.version, 60))}`);
  return {
    version,
    uptimeSeconds: Math.floor(parsed.uptime),
    cpuLoadPercent: parsed["cpu-load"],
    freeMemoryBytes: parsed["free-memory"],
    totalMemoryBytes: parsed["total-memory"] ?? null,
    boardName: parsed["board-name"] ?? null,
  };
}

export async function readSystemResource(options: { client: Pick<RouterClient, "run"> }): Promise<SystemResource> {
  const { client } = options;
  return parseSystemResource(await client.run([`${SYSTEM_RESOURCE_PATH}/print`, proplist(FIELDS)]));
}
