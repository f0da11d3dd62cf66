import { formatTimestamp } from "@/lib/format";
import type { ClientHistory } from "@/lib/queries/client-history";

function describe(e: ClientHistory["events"][number]): string {
  switch (e.kind) {
    case "joined":
      return `joined ${e.toList ?? "a list"}`;
    case "left":
      return e.reason === "list_removed"
        ? `left ${e.fromList ?? "a list"}: no longer one of this router's WAN lists`
        : `left ${e.fromList ?? "a list"}`;
    case "moved":
      return `moved from ${e.fromList ?? "?"} to ${e.toList ?? "?"}`;
    case "dual_listed":
      return `became dual-listed${e.toList ? ` (also on ${e.toList})` : ""}`;
    case "dual_cleared":
      return "no longer dual-listed";
    default:
      return e.kind;
  }
}

/** Newest first; list names come from the router and are rendered as text. */
export function ClientTimeline({ events, now, truncated }: { events: ClientHistory["events"]; now: Date; truncated: boolean }) {
  if (events.length === 0)
    return (
      <p className="muted" data-testid="timeline-empty">
        No change recorded for this client yet.
      </p>
    );
  return (
    <>
      <ol className="timeline" data-testid="client-timeline">
        {events.map((e, i) => (
          <li key={`${e.ts.getTime()}-${e.kind}-${i}`} className={e.kind} data-kind={e.kind}>
            <time dateTime={e.ts.toISOString()}>{formatTimestamp({ at: e.ts, now, seconds: true })}</time> · {describe(e)}
          </li>
        ))}
      </ol>
      {truncated && <p className="muted small">Only the newest {events.length} changes are shown.</p>}
    </>
  );
}
