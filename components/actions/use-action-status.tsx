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

/** How long the page waits for a result before it stops asking and says so; the action stays queued. */
export const ACTION_STATUS_TIMEOUT_MS = 120_000;

export type ActionStatus = { states: ActionState[]; timedOut: boolean };

const finished = (states: ActionState[]) => states.length > 0 && states.every((a) => a.status === "done" || a.status === "failed");

/** Polls the actions' status each second until every one is done or failed, or the timeout passes. */
export function useActionStatus(ids: number[]): ActionStatus {
  const [states, setStates] = useState<ActionState[]>([]);
  const [timedOutKey, setTimedOutKey] = useState<string | null>(null);
  const key = ids.join(",");
  useEffect(() => {
    if (!key) return;
    let stopped = false;
    const started = Date.now();
    const tick = async () => {
      try {
        const response = await fetch(`/api/actions?ids=${key}`, { headers: { accept: "application/json" } });
        if (response.ok) {
          const data = (await response.json()) as { actions: ActionState[] };
          if (!stopped) setStates(data.actions);
          if (finished(data.actions)) return;
        }
      } catch {
        // the next tick tries again
      }
      if (stopped) return;
      if (Date.now() - started >= ACTION_STATUS_TIMEOUT_MS) {
        setTimedOutKey(key);
        return;
      }
      setTimeout(() => void tick(), 1000);
    };
    void tick();
    return () => {
      stopped = true;
    };
  }, [key]);
  return { states, timedOut: timedOutKey === key };
}

export function ActionStatusLine({ status, pending }: { status: ActionStatus; pending: boolean }) {
  const { states, timedOut } = status;
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
  const unfinished = timedOut && !finished(states);
  return (
    <div
      className="action-status small"
      data-testid="action-status"
      data-status={unfinished ? "timed_out" : overall}
      role="status"
      aria-live="polite"
    >
      {states.length <= 1
        ? states[0]
          ? `${states[0].status}${states[0].error ? `: ${states[0].error}` : ""}`
          : "pending"
        : `${counts.done} done, ${counts.failed} failed, ${counts.pending + counts.running} in progress`}
      {unfinished && (
        <p className="status-bad" data-testid="action-timeout">
          No result after {Math.round(ACTION_STATUS_TIMEOUT_MS / 60_000)} minutes: no worker has finished this yet. It stays queued and is
          re-sent if its job was lost; reload the page later to see what happened.
        </p>
      )}
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
