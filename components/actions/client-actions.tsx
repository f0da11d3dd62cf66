"use client";
import { useEffect, useState } from "react";
import { postJson, useCsrfToken } from "../csrf";
import { ActionStatusLine, useActionStatus } from "./use-action-status";

type Props = { routerId: number; address: string; currentLists: string[]; wanLists: string[]; compact?: boolean };

/** Move (optionally pinned, optionally dropping connections), pin or unpin one client. Operators and admins only. */
export function ClientActions({ routerId, address, currentLists, wanLists, compact }: Props) {
  const token = useCsrfToken();
  const others = wanLists.filter((l) => !currentLists.includes(l));
  const [target, setTarget] = useState(others[0] ?? wanLists[0] ?? "");
  const [pinned, setPinned] = useState(false);
  const [drop, setDrop] = useState(false);
  const [connections, setConnections] = useState<number | null>(null);
  const [ids, setIds] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(!compact);
  const status = useActionStatus(ids);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    fetch(`/api/routers/${routerId}/preview?address=${encodeURIComponent(address)}`, { headers: { accept: "application/json" } })
      .then(async (r) => (r.ok ? ((await r.json()) as { connections: number }) : null))
      .then((d) => !cancelled && d && setConnections(d.connections))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [open, routerId, address]);

  const run = async (kind: "move" | "pin" | "unpin", targetList?: string) => {
    setError(null);
    try {
      const result = await postJson<{ actionIds: number[] }>(token, "/api/actions", {
        kind,
        routerId,
        items: [{ address, ...(targetList ? { targetList } : {}) }],
        dropConnections: kind !== "unpin" && drop,
      });
      setIds(result.actionIds);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="open-actions">
        Move / Pin
      </button>
    );
  return (
    <div className="client-actions" data-testid="client-actions">
      <label>
        Move to{" "}
        <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="target-list">
          {wanLists.map((l) => (
            <option key={l} value={l}>
              {l}
              {currentLists.includes(l) ? " (current)" : ""}
            </option>
          ))}
        </select>
      </label>{" "}
      <label className="checkbox">
        <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} data-testid="pinned" /> pinned (static entry,
        no timeout)
      </label>{" "}
      <label className="checkbox">
        <input type="checkbox" checked={drop} onChange={(e) => setDrop(e.target.checked)} data-testid="drop-connections" /> drop its
        connections now
        <span className="muted small" data-testid="connection-count">
          {connections === null ? " (counting…)" : ` (${connections} connection${connections === 1 ? "" : "s"} will be dropped)`}
        </span>
      </label>{" "}
      <button type="button" className="primary" data-testid="move-button" onClick={() => void run(pinned ? "pin" : "move", target)}>
        Move
      </button>{" "}
      {currentLists.length > 0 && (
        <button type="button" data-testid="pin-button" onClick={() => void run("pin")}>
          Pin on {currentLists[0]}
        </button>
      )}{" "}
      {currentLists.length > 0 && (
        <button type="button" data-testid="unpin-button" onClick={() => void run("unpin")}>
          Unpin
        </button>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="action-error">
          {error}
        </p>
      )}
      <ActionStatusLine status={status} pending={ids.length > 0} />
    </div>
  );
}
