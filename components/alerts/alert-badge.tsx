import Link from "next/link";
import { getDb } from "@/lib/db";
import { countOpenAlerts, type OpenAlertCounts } from "@/lib/queries/alerts-counts";

/** Open alert counts as a badge linking to the alerts page; pure, for tables that fetch counts in bulk. */
export function AlertBadgeView({ counts, routerId }: { counts: OpenAlertCounts; routerId?: number }) {
  const open = counts.firing + counts.acknowledged;
  const href = routerId === undefined ? "/alerts" : `/alerts?router=${routerId}`;
  const tone = counts.firing === 0 ? (open === 0 ? "ok" : "neutral") : counts.critical > 0 ? "bad" : "warn";
  const label =
    open === 0 ? "no open alerts" : `${counts.firing} firing${counts.acknowledged ? `, ${counts.acknowledged} acknowledged` : ""}`;
  return (
    <Link
      href={href}
      className={`badge ${tone}`}
      data-testid="alert-badge"
      data-firing={counts.firing}
      data-open={open}
      aria-label={`Alerts: ${label}`}
    >
      {open === 0 ? "0 alerts" : `${counts.firing} firing${counts.acknowledged ? ` · ${counts.acknowledged} ack` : ""}`}
    </Link>
  );
}

/** Open alerts of a router (or of the fleet without routerId), read when rendered. */
export async function AlertBadge({ routerId }: { routerId?: number }) {
  const counts = await countOpenAlerts({ db: getDb(), routerId });
  return <AlertBadgeView counts={counts} routerId={routerId} />;
}
