import { HEALTH_LABEL, type Health } from "@/lib/metrics/router-health";

const TONE: Record<Health, "ok" | "warn" | "bad" | "neutral"> = {
  ok: "ok",
  stale: "warn",
  unreachable: "bad",
  auth_failed: "bad",
  timed_out: "bad",
  error: "bad",
  unknown: "neutral",
  disabled: "neutral",
};

/** Router health as a coloured word; open alerts (issue 6) will sit next to it. */
export function HealthBadge({ health }: { health: Health }) {
  return (
    <span className={`badge ${TONE[health]}`} data-testid="health" data-health={health}>
      {HEALTH_LABEL[health]}
    </span>
  );
}
