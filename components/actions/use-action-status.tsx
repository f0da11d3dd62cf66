"use client";
import { useEffect, useState } from "react";

export type ActionState = {
  id: number;
  address: string;
  kind: string;
  targetList: string | null;
  status: "pending" | "running" | "done" | "failed";
  error: string | null;
};

/** Polls the actions' status each second until every one is done or failed. */
export function useActionStatus(ids: number[]): ActionState[] {
  const [states, setStates] = useState<ActionState[]>([]);
  const key = ids.join(",");
  useEffect(() => {
    if (!key) return;
    let stopped = false;
    const tick = async () => {
      try {
        const response = await fetch(`/api/actions?ids=${key}`, { headers: { accept: "application/json" } });
        if (response.ok) {
          const data = (await response.json()) as { actions: ActionState[] };
          if (!stopped) setStates(data.actions);
          if (data.actions.length > 0 && data.actions.every((a) => a.status === "done" || a.status === "failed")) return;
        }
      } catch {
        // the next tick tries again
      }
      if (!stopped) setTimeout(() => void tick(), 1000);
    };
    void tick();
    return () => {
      stopped = true;
    };
  }, [key]);
  return states;
}

export function ActionStatusLine({ states, pending }: { states: ActionState[]; pending: boolean }) {
  if (!pending && states.length === 0) return null;
  const counts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const s of states) counts[s.status] += 1;
  const overall =
    states.length === 0
      ? "pending"
      : counts.failed > 0
        ? "failed"
        : counts.done === states.length
          ? "done"
          : counts.running > 0
            ? "running"
            : "pending";
  return (
    <div className="action-status small" data-testid="action-status" data-status={overall} role="status" aria-live="polite">
      {states.length <= 1
        ? states[0]
          ? `${states[0].status}${states[0].error ? `: ${states[0].error}` : ""}`
          : "pending"
        : `${counts.done} done, ${counts.failed} failed, ${counts.pending + counts.running} in progress`}
      {states.length > 1 && counts.failed > 0 && (
        <ul>
          {states
            .filter((s) => s.status === "failed")
            .map((s) => (
              <li key={s.id}>
                {s.address}: {s.error}
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
