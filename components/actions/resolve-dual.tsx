"use client";
import { useState } from "react";
import { postJson, useCsrfToken } from "../csrf";
import { ActionStatusLine, useActionStatus } from "./use-action-status";

export type DualRow = {
  routerId: number;
  routerName: string;
  address: string;
  lists: string[];
  suggested: string | null;
  reason: string | null;
};

/** One dual-listed client: keep the chosen list (the suggestion preselected), remove the others. */
export function ResolveOne({ row }: { row: DualRow }) {
  const token = useCsrfToken();
  const [keep, setKeep] = useState(row.suggested ?? row.lists[0] ?? "");
  const [ids, setIds] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const status = useActionStatus(ids);
  const { states } = status;
  const resolve = async () => {
    setError(null);
    try {
      setIds(
        (
          await postJson<{ actionIds: number[] }>(token, "/api/actions", {
            kind: "resolve_dual",
            routerId: row.routerId,
            items: [{ address: row.address, targetList: keep }],
            dropConnections: true,
          })
        ).actionIds,
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span className="inline-form" data-testid="resolve-one">
      <label>
        keep{" "}
        <select value={keep} onChange={(e) => setKeep(e.target.value)} data-testid="keep-list" title={row.reason ?? undefined}>
          {row.lists.map((l) => (
            <option key={l} value={l}>
              {l}
              {l === row.suggested ? " (suggested)" : ""}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        data-testid="resolve-button"
        disabled={ids.length > 0 && states.some((s) => s.status !== "failed")}
        onClick={() => void resolve()}
      >
        Resolve
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
      <ActionStatusLine status={status} pending={ids.length > 0} />
    </span>
  );
}

/** All clients on this page, each kept on its suggested list: shown first, then confirmed. */
export function ResolveAll({ rows }: { rows: DualRow[] }) {
  const token = useCsrfToken();
  const [confirming, setConfirming] = useState(false);
  const [ids, setIds] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const status = useActionStatus(ids);
  const ready = rows.filter((r) => r.suggested);
  const confirm = async () => {
    setError(null);
    try {
      const byRouter = new Map<number, DualRow[]>();
      for (const r of ready) byRouter.set(r.routerId, [...(byRouter.get(r.routerId) ?? []), r]);
      const all: number[] = [];
      for (const [routerId, list] of byRouter) {
        const result = await postJson<{ actionIds: number[] }>(token, "/api/actions", {
          kind: "resolve_dual",
          routerId,
          items: list.map((r) => ({ address: r.address, targetList: r.suggested })),
          dropConnections: true,
        });
        all.push(...result.actionIds);
      }
      setIds(all);
      setConfirming(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  if (ready.length === 0) return null;
  return (
    <div data-testid="resolve-all">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} data-testid="resolve-all-button">
          Resolve all {ready.length} on this page…
        </button>
      ) : (
        <div className="banner" data-testid="resolve-all-confirm">
          <p>Each client keeps the suggested list; its other entries and its tracked connections are removed:</p>
          <ul>
            {ready.map((r) => (
              <li key={`${r.routerId}-${r.address}`}>
                {r.routerName} <code>{r.address}</code> → {r.suggested} <span className="muted small">({r.reason})</span>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => void confirm()} data-testid="resolve-all-confirm-button">
            Confirm
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <ActionStatusLine status={status} pending={ids.length > 0} />
    </div>
  );
}
