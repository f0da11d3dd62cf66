import { formatPercent } from "@/lib/format";

export type ShareSegment = { name: string; share: number | null; expected?: number };

/** A stacked bar of shares with a tick where each boundary would be at the expected weights. */
export function ShareBar({ label, segments }: { label: string; segments: ShareSegment[] }) {
  const known = segments.some((s) => s.share !== null);
  const description = known
    ? segments
        .map((s) => `${s.name} ${formatPercent(s.share)}${s.expected !== undefined ? ` (expected ${formatPercent(s.expected)})` : ""}`)
        .join(", ")
    : "no data";
  let expectedEdge = 0;
  const ticks = segments.slice(0, -1).map((s) => (expectedEdge += s.expected ?? 0));
  return (
    <div className="sharebar" role="img" aria-label={`${label}: ${description}`}>
      {known &&
        segments.map((s, i) => (
          <span key={s.name} className={`wan-${(i % 4) + 1}`} style={{ width: `${((s.share ?? 0) * 100).toFixed(1)}%` }} />
        ))}
      {known &&
        segments.every((s) => s.expected !== undefined) &&
        ticks.map((edge, i) => <i key={i} className="expected" style={{ left: `calc(${(edge * 100).toFixed(1)}% - 1px)` }} />)}
    </div>
  );
}
