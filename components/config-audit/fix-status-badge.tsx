import type { ConfigFixStatus } from "@/lib/db/generated/enums";

const LOOK: Record<ConfigFixStatus, { text: string; cls: string }> = {
  queued: { text: "queued", cls: "neutral" },
  applying: { text: "applying", cls: "warn" },
  applied: { text: "applied", cls: "ok" },
  refused: { text: "refused", cls: "warn" },
  failed: { text: "failed", cls: "bad" },
  restore_failed: { text: "failed, restore failed", cls: "bad" },
  rolling_back: { text: "rolling back", cls: "warn" },
  rolled_back: { text: "rolled back", cls: "neutral" },
  rollback_failed: { text: "rollback failed", cls: "bad" },
};

export function FixStatusBadge({ status }: { status: ConfigFixStatus }) {
  const look = LOOK[status];
  return (
    <span className={`badge ${look.cls}`} data-testid="fix-status" data-status={status}>
      {look.text}
    </span>
  );
}
