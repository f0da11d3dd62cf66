import type { Severity } from "@/lib/config-audit/types";

const CLASS: Record<Severity, string> = { critical: "bad", warning: "warn", info: "neutral" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`badge ${CLASS[severity]}`} data-testid="severity" data-severity={severity}>
      {severity}
    </span>
  );
}
