import { z } from "zod";
import { RouterProtocolError } from "../errors";
import type { RouterClient } from "../client";
import { parseRow, rosCount, type RosRow } from "../parse";

// Connections per mark, counted on the router (`=count-only=` + `?connection-mark=`), and the table size
// from /ip/firewall/connection/tracking. The connection table itself is never downloaded.

export type MarkCount = { mark: string; count: number };

export type ConnectionCounts = {
  total: number;
  maxEntries: number | null;
  byMark: MarkCount[];
  /** total − Σ byMark, never below zero (the reads are not one atomic snapshot). */
  unmarked: number;
};

export const CONNECTION_PATH = "/ip/firewall/connection";
export const TRACKING_PATH = "/ip/firewall/connection/tracking";

const countSchema = z.object({ ret: rosCount });

export function parseCountOnly(rows: readonly RosRow[], path = CONNECTION_PATH): number {
  const row = rows[0];
  if (!row) throw new RouterProtocolError(`${path} count-only returned nothing`);
  return parseRow({ path, row, schema: countSchema }).ret;
}

const trackingSchema = z.record(z.string(), z.string()).transform((row, ctx) => {
  // 7.20 split the counters per IP family; older versions print one total-entries.
  const keys = "total-entries" in row ? ["total-entries"] : Object.keys(row).filter((k) => /^total-ip[46]-entries$/.test(k));
  if (keys.length === 0) {
    ctx.addIssue({ code: "custom", message: "no total-entries field" });
    return z.NEVER;
  }
  let total = 0;
  for (const key of keys) {
    const parsed = rosCount.safeParse(row[key]);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: [key], message: "expected a non-negative integer" });
      return z.NEVER;
    }
    total += parsed.data;
  }
  const max = rosCount.safeParse(row["max-entries"]);
  return { total, maxEntries: max.success ? max.data : null };
});

export function parseTrackingTotals(rows: readonly RosRow[]): { total: number; maxEntries: number | null } {
  const row = rows[0];
  if (!row) throw new RouterProtocolError(`${TRACKING_PATH} returned no row`);
  return parseRow({ path: TRACKING_PATH, row, schema: trackingSchema });
}

export function combineConnectionCounts(options: { total: number; maxEntries: number | null; byMark: MarkCount[] }): ConnectionCounts {
  const marked = options.byMark.reduce((sum, m) => sum + m.count, 0);
  return { ...options, unmarked: Math.max(0, options.total - marked) };
}

export async function readConnectionCounts(options: {
  client: Pick<RouterClient, "run">;
  marks: readonly string[];
}): Promise<ConnectionCounts> {
  const { client, marks } = options;
  const [tracking, ...counts] = await Promise.all([
    client.run([`${TRACKING_PATH}/print`]).then(parseTrackingTotals),
    ...marks.map((mark) =>
      client.run([`${CONNECTION_PATH}/print`, "=count-only=", `?connection-mark=${mark}`]).then((rows) => parseCountOnly(rows)),
    ),
  ]);
  const byMark = marks.map((mark, i) => ({ mark, count: counts[i] ?? 0 }));
  return combineConnectionCounts({ total: tracking.total, maxEntries: tracking.maxEntries, byMark });
}
