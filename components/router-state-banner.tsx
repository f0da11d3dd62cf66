import { formatAgo, formatTimestamp } from "@/lib/format";
import type { RouterDetail } from "@/lib/queries/router-detail";
import { HEALTH_LABEL } from "@/lib/metrics/router-health";

/** Says plainly what is wrong with a router's data: unreachable since when and why, or stale. */
export function RouterStateBanner({ router, now }: { router: RouterDetail; now: Date }) {
  const failing = ["unreachable", "auth_failed", "timed_out", "error"].includes(router.health);
  if (failing) {
    return (
      <div className="banner bad" role="alert" data-testid="router-banner" data-health={router.health}>
        <strong>
          {router.name} is {HEALTH_LABEL[router.health]} since {formatTimestamp({ at: router.statusSince, now })}
        </strong>
        {router.lastError && (
          <>
            : <code data-testid="router-last-error">{router.lastError}</code>
          </>
        )}
        <div className="small">
          Last successful data{" "}
          {router.latest ? `from ${formatTimestamp({ at: router.latest.at, now })} (${formatAgo({ at: router.latest.at, now })})` : "never"}
          ; the numbers below are from then.
        </div>
      </div>
    );
  }
  if (router.health === "unknown") {
    return (
      <div className="banner info" data-testid="router-banner" data-health="unknown">
        This router has not been polled yet. Its WANs and numbers appear after the first poll (every {router.pollIntervalSec} s).
      </div>
    );
  }
  if (router.health === "stale" || router.dataStale) {
    return (
      <div className="banner warn" role="status" data-testid="router-banner" data-health="stale">
        Data is stale: the newest sample is {router.latest ? formatAgo({ at: router.latest.at, now }) : "missing"}, older than two poll
        intervals ({2 * router.pollIntervalSec} s). Check that a worker is running on the <a href="/status">status page</a>.
      </div>
    );
  }
  return null;
}
