// Which table a chart range reads and how wide its buckets are: a few hundred points per line at
// most. When the preferred table is still empty (a new install has no rollups yet) the next one is
// tried, so a chart never stays blank while the data exists elsewhere.

export const RANGES = ["1h", "24h", "7d", "30d"] as const;
export type Range = (typeof RANGES)[number];

export type SeriesSource = "raw" | "minute" | "hour";
export type SeriesStep = { source: SeriesSource; binSec: number };

const HOUR = 3600;

export const RANGE_SECONDS: Record<Range, number> = { "1h": HOUR, "24h": 24 * HOUR, "7d": 7 * 24 * HOUR, "30d": 30 * 24 * HOUR };

const PLANS: Record<Range, SeriesStep[]> = {
  "1h": [
    { source: "raw", binSec: 10 },
    { source: "minute", binSec: 60 },
  ],
  "24h": [
    { source: "minute", binSec: 120 },
    { source: "raw", binSec: 120 },
    { source: "hour", binSec: HOUR },
  ],
  "7d": [
    { source: "minute", binSec: 900 },
    { source: "hour", binSec: HOUR },
    { source: "raw", binSec: 900 },
  ],
  "30d": [
    { source: "hour", binSec: HOUR },
    { source: "minute", binSec: HOUR },
    { source: "raw", binSec: HOUR },
  ],
};

export function seriesPlan(range: Range): SeriesStep[] {
  return PLANS[range];
}

export const SOURCE_LABEL: Record<SeriesSource, string> = { raw: "raw samples", minute: "per-minute rollups", hour: "per-hour rollups" };
