import { formatBps, formatInt, formatPercent } from "@/lib/format";

// Axis ticks and tooltip values for the router charts. Times are UTC like the rest of the pages.

const pad = (n: number): string => String(n).padStart(2, "0");

export function tickFormatter(rangeSec: number): (t: number) => string {
  return (t) => {
    const d = new Date(t);
    const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    return rangeSec > 2 * 86_400 ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : clock;
  };
}

export function tooltipTime(t: number, binSec: number): string {
  const d = new Date(t);
  const base = `${d.toISOString().slice(0, 10)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return binSec < 60
    ? `${base}:${pad(d.getUTCSeconds())} UTC`
    : `${base} UTC (${binSec >= 3600 ? `${binSec / 3600} h` : `${binSec / 60} min`} bucket)`;
}

export type Unit = "bps" | "count" | "share";

export function formatUnit(value: number | null | undefined, unit: Unit): string {
  if (unit === "bps") return formatBps(value);
  if (unit === "share") return formatPercent(value);
  return value === null || value === undefined ? "—" : `${formatInt(value)}`;
}

/** Compact axis labels: 40M, 1.5G (bits per second; the title and tooltips carry the unit). */
export function axisBps(v: number): string {
  const [number = "", unit = ""] = formatBps(v).split(" ");
  const trimmed = number.includes(".") ? number.replace(/\.?0+$/, "") : number;
  return `${trimmed}${unit.replace("bit/s", "")}`;
}
export const axisShare = (v: number): string => `${Math.round(v * 100)}%`;
export const axisCount = (v: number): string => (v >= 10_000 ? `${Math.round(v / 1000)}k` : String(Math.round(v)));

/** WAN n (0-based) → its colour variable, the same as in the share bars. */
export const wanColor = (index: number): string => `var(--wan-${(index % 4) + 1})`;
