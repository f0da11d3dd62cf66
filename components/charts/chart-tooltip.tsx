"use client";

import { formatUnit, tooltipTime, type Unit } from "./chart-format";

type Entry = { name?: string | number; value?: number | string | readonly (number | string)[] | null; color?: string; dataKey?: unknown };

/** Tooltip body for all router charts: bucket time, then each series with its unit. */
export function ChartTooltip({
  active,
  payload,
  label,
  unit,
  binSec,
}: {
  active?: boolean;
  payload?: readonly Entry[];
  label?: string | number;
  unit: Unit;
  binSec: number;
}) {
  if (!active || !payload || payload.length === 0 || typeof label !== "number") return null;
  return (
    <div className="chart-tooltip">
      <strong>{tooltipTime(label, binSec)}</strong>
      <ul>
        {payload.map((entry) => (
          <li key={String(entry.dataKey)}>
            <span className="swatch" style={{ background: entry.color }} />
            {entry.name}: {formatUnit(typeof entry.value === "number" ? entry.value : null, unit)}
          </li>
        ))}
      </ul>
    </div>
  );
}
