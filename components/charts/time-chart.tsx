"use client";

import type { ReactNode } from "react";
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesPoint } from "@/lib/queries/router-series";
import { ChartTooltip } from "./chart-tooltip";
import { tickFormatter, type Unit } from "./chart-format";

export type ChartSeries = { key: string; name: string; color: string; dashed?: boolean };
export type ChartReference = { y: number; color: string; label: string };

type Props = {
  title: string;
  testId: string;
  points: SeriesPoint[];
  series: ChartSeries[];
  unit: Unit;
  axis: (v: number) => string;
  rangeSec: number;
  binSec: number;
  kind: "line" | "stacked";
  yDomain?: [number, number];
  references?: ChartReference[];
  children?: ReactNode;
};

/** One time chart in the site's colours (CSS variables, so both themes work), with gaps where no data is. */
export function TimeChart(props: Props) {
  const { points, series, unit, axis, rangeSec, binSec } = props;
  const common = (
    <>
      <CartesianGrid stroke="var(--grid)" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={["dataMin", "dataMax"]}
        tickFormatter={tickFormatter(rangeSec)}
        stroke="var(--muted)"
        tick={{ fill: "var(--muted)", fontSize: 12 }}
        minTickGap={40}
      />
      <YAxis
        tickFormatter={axis}
        stroke="var(--muted)"
        tick={{ fill: "var(--muted)", fontSize: 12 }}
        width={64}
        domain={props.yDomain ?? [0, "auto"]}
        allowDataOverflow={Boolean(props.yDomain)}
      />
      <Tooltip content={<ChartTooltip unit={unit} binSec={binSec} />} />
      <Legend itemSorter={null} wrapperStyle={{ color: "var(--text)", fontSize: 13 }} />
      {props.references?.map((r) => (
        <ReferenceLine
          key={r.label}
          y={r.y}
          stroke={r.color}
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
          label={{ value: r.label, fill: "var(--muted)", fontSize: 11, position: "insideTopRight" }}
        />
      ))}
    </>
  );
  return (
    <figure className="chart" data-testid={props.testId} aria-label={props.title}>
      <figcaption>
        <h2>{props.title}</h2>
        {props.children}
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        {props.kind === "stacked" ? (
          <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            {common}
            {series.map((s) => (
              <Area
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stackId="1"
                stroke={s.color}
                fill={s.color}
                fillOpacity={0.35}
                isAnimationActive={false}
                connectNulls={false}
                type="linear"
              />
            ))}
          </AreaChart>
        ) : (
          <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            {common}
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeDasharray={s.dashed ? "4 3" : undefined}
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
                connectNulls={false}
                type="linear"
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
