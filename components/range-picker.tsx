import Link from "next/link";
import { RANGES, SOURCE_LABEL, type Range, type SeriesSource } from "@/lib/metrics/series-plan";

export function RangePicker({
  current,
  source,
  binSec,
  hrefFor,
}: {
  current: Range;
  source: SeriesSource | null;
  binSec: number;
  hrefFor: (range: Range) => string;
}) {
  return (
    <div className="row">
      <nav className="tabs" aria-label="Chart range">
        {RANGES.map((r) => (
          <Link key={r} href={hrefFor(r)} aria-current={r === current ? "page" : undefined} scroll={false}>
            {r}
          </Link>
        ))}
      </nav>
      <span className="muted small" data-testid="series-source">
        {source
          ? `from ${SOURCE_LABEL[source]}, ${binSec >= 60 ? `${binSec / 60} min` : `${binSec} s`} buckets`
          : "no samples in this range yet"}
      </span>
    </div>
  );
}
