import { formatPercent } from "@/lib/format";
import type { ImbalanceLevel } from "@/lib/metrics/imbalance-level";

const TONE: Record<ImbalanceLevel, string> = { balanced: "ok", skewed: "warn", imbalanced: "bad", "no-data": "neutral" };

export function ImbalanceBadge({
  level,
  maxDeviation,
  worstWan,
}: {
  level: ImbalanceLevel;
  maxDeviation: number | null;
  worstWan: string | null;
}) {
  const detail =
    maxDeviation === null ? "no connection data" : `${worstWan ?? "a WAN"} is ${formatPercent(maxDeviation)} off its expected share`;
  return (
    <span className={`badge ${TONE[level]}`} title={detail} data-testid="imbalance" data-level={level}>
      {level === "no-data" ? "—" : `${level} ${formatPercent(maxDeviation)}`}
    </span>
  );
}
