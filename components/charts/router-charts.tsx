"use client";

import { useMemo } from "react";
import { formatInt, formatPercent } from "@/lib/format";
import type { RouterSeries } from "@/lib/queries/router-series";
import { RANGE_SECONDS } from "@/lib/metrics/series-plan";
import { wanKey, type WanPoint } from "@/lib/metrics/series-point";
import { fromColumns, type SeriesColumns } from "./series-columns";
import { axisBps, axisCount, axisShare, wanColor } from "./chart-format";
import { TimeChart } from "./time-chart";

/** One dashed line per distinct expected share; WANs with equal weights share a line and a label. */
function expectedLines(wans: RouterSeries["wans"]): { y: number; color: string; label: string }[] {
  const byShare = new Map<string, { y: number; names: string[]; index: number }>();
  wans.forEach((w, index) => {
    const key = w.expectedShare.toFixed(4);
    const entry = byShare.get(key) ?? { y: w.expectedShare, names: [], index };
    entry.names.push(w.name);
    byShare.set(key, entry);
  });
  return [...byShare.values()].map((e) => ({
    y: e.y,
    color: e.names.length > 1 ? "var(--expected)" : wanColor(e.index),
    label: `expected ${formatPercent(e.y)} (${e.names.join(", ")})`,
  }));
}

/** The router page's charts, fed once with the series as columns (one small copy in the page payload). */
/** One line per WAN for a field of its points, in the WAN's colour. */
const wanLines = (wans: RouterSeries["wans"], field: keyof WanPoint) =>
  wans.map((w, i) => ({ key: `wan.${wanKey(w.id)}.${field}`, name: w.name, color: wanColor(i) }));
const unmarkedLine = (field: "conn" | "newShare") => ({ key: `unmarked.${field}`, name: "unmarked", color: "var(--unmarked)" });

export function RouterCharts({ series, balancingMethod }: { series: SeriesColumns; balancingMethod: string | null }) {
  const points = useMemo(() => fromColumns(series), [series]);
  const rangeSec = RANGE_SECONDS[series.range];
  const common = { points, rangeSec, binSec: series.binSec };
  const split = series.newSplit;
  return (
    <div className="charts">
      <TimeChart
        {...common}
        title="Throughput per WAN"
        testId="chart-throughput"
        unit="bps"
        axis={axisBps}
        kind="line"
        series={series.wans.flatMap((w, i) => [
          { key: `wan.${wanKey(w.id)}.rx`, name: `${w.name} download`, color: wanColor(i) },
          { key: `wan.${wanKey(w.id)}.tx`, name: `${w.name} upload`, color: wanColor(i), dashed: true },
        ])}
      />
      <TimeChart
        {...common}
        title="Connections per mark"
        testId="chart-connections"
        unit="count"
        axis={axisCount}
        kind="stacked"
        series={[...wanLines(series.wans, "conn"), unmarkedLine("conn")]}
      />
      <TimeChart
        {...common}
        title="Share of marked connections vs expected (dashed)"
        testId="chart-share"
        unit="share"
        axis={axisShare}
        kind="line"
        yDomain={[0, 1]}
        series={wanLines(series.wans, "connShare")}
        references={expectedLines(series.wans)}
      />
      <TimeChart
        {...common}
        title="New connections per WAN and unmarked"
        testId="chart-new-split"
        unit="share"
        axis={axisShare}
        kind="stacked"
        yDomain={[0, 1]}
        series={[...wanLines(series.wans, "newShare"), unmarkedLine("newShare")]}
      >
        <p className="small" data-testid="new-split-summary">
          In this range: {split.perWan.map((w) => `${w.name} ${formatPercent(w.share)}`).join(", ")}, unmarked{" "}
          {formatPercent(split.unmarked.share)} of {formatInt(split.total)} new connections.
        </p>
        {balancingMethod === "nth" && (
          <p className="small muted" data-testid="nth-explanation">
            With nth, rule <code>nth=2,1</code> takes every other new connection (50%); <code>nth=2,2</code> only sees the other half and
            takes every second of those (25%), so 25% get no mark and leave by the main table&apos;s default route.
          </p>
        )}
      </TimeChart>
    </div>
  );
}
