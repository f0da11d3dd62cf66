import { formatDuration } from "@/lib/format";
import type { RouterSeries } from "@/lib/queries/router-series";
import { wanKey } from "@/lib/metrics/series-point";

type Run = { start: number; length: number; fill: string };

function fillOf(up: number | null): string {
  if (up === null) return "var(--grid)";
  if (up >= 0.999) return "var(--ok)";
  return up <= 0.001 ? "var(--bad)" : "var(--warn)";
}

/** Consecutive buckets of the same state become one rectangle (no seams, fewer nodes). */
function runs(states: (number | null)[]): Run[] {
  const out: Run[] = [];
  states.forEach((up, i) => {
    const fill = fillOf(up);
    const last = out[out.length - 1];
    if (last && last.fill === fill) last.length += 1;
    else out.push({ start: i, length: 1, fill });
  });
  return out;
}

/** Per WAN, one strip over the range: green where its default route was active, red where not, grey without data. */
export function GatewayTimeline({ series }: { series: RouterSeries }) {
  const n = Math.max(1, series.points.length);
  return (
    <figure className="chart" data-testid="chart-gateway" aria-label="Gateway up/down timeline">
      <figcaption>
        <h2>Gateway up/down</h2>
        <p className="muted small">Default route of each WAN active (green), inactive (red), partly (amber), no data (grey).</p>
      </figcaption>
      <div className="gw-strip">
        {series.wans.map((w) => {
          const downBins = series.points.filter((p) => (p.wan[wanKey(w.id)]?.up ?? 1) < 0.5).length;
          const summary = downBins === 0 ? "no outage in range" : `down about ${formatDuration(downBins * series.binSec * 1000)}`;
          return [
            <span key={`${w.id}-label`}>{w.name}</span>,
            <svg
              key={`${w.id}-strip`}
              viewBox={`0 0 ${n} 1`}
              preserveAspectRatio="none"
              role="img"
              aria-label={`${w.name}: ${summary}`}
              data-testid="gateway-strip"
            >
              <title>{`${w.name}: ${summary}`}</title>
              {runs(series.points.map((p) => p.wan[wanKey(w.id)]?.up ?? null)).map((r) => (
                <rect key={r.start} x={r.start} y={0} width={r.length} height={1} fill={r.fill} />
              ))}
            </svg>,
          ];
        })}
      </div>
    </figure>
  );
}
