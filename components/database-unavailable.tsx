"use client";
import { useEffect, useState } from "react";

/** Shown instead of a page while the database cannot be reached: asks every few seconds, reloads when it answers. */
export function DatabaseUnavailable({ retryMs = 5_000 }: { retryMs?: number }) {
  const [checks, setChecks] = useState(0);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(() => {
      void fetch("/api/health", { cache: "no-store" })
        .then((r) => {
          if (r.ok && !stopped) window.location.reload();
        })
        .catch(() => {})
        .finally(() => !stopped && setChecks((n) => n + 1));
    }, retryMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [retryMs]);
  return (
    <section className="panel" role="alert" data-testid="database-unavailable">
      <h1>The database is unreachable</h1>
      <p>
        WANscope cannot reach its PostgreSQL database right now (it may be restarting). Nothing you see would be current, so no page is
        shown. This page checks again every {Math.round(retryMs / 1000)} seconds and reloads itself when the database answers.
      </p>
      <p className="muted small" data-testid="database-retries">
        Retrying{checks > 0 ? ` (checked ${checks} time${checks === 1 ? "" : "s"})` : ""}…
      </p>
    </section>
  );
}
