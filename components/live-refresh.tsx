"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

// Re-renders the server components of this page every poll interval (no full reload) while the tab
// is visible, and says when the data on screen was read.
export function LiveRefresh({ everySec, readAt, readAtText }: { everySec: number; readAt: string; readAtText: string }) {
  const router = useRouter();
  const [paused, setPaused] = useState(false);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (paused) return;
    const timer = setInterval(
      () => {
        if (document.visibilityState === "visible") startTransition(() => router.refresh());
      },
      Math.max(2, everySec) * 1000,
    );
    return () => clearInterval(timer);
  }, [everySec, paused, router]);
  return (
    <div className="live" data-testid="live-refresh" aria-live="polite">
      <span>
        Data read at{" "}
        <time dateTime={readAt} data-testid="read-at">
          {readAtText}
        </time>
        {paused ? " · live updates paused" : ` · updates every ${everySec} s`}
        {pending ? " · refreshing…" : ""}
      </span>
      <button type="button" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
        {paused ? "Resume" : "Pause"}
      </button>
    </div>
  );
}
