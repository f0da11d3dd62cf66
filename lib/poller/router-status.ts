import type { RouterStatus } from "../db/generated/client";
import type { ErrorCode } from "../errors";

// Router status after a poll. Transition table (previous status is irrelevant to the new one; only
// `statusSince` depends on it — it moves only when the status changes):
//   poll ok                      → ok
//   router_unreachable           → unreachable
//   router_auth_failed (or TLS)  → auth_failed
//   router_timeout               → timed_out
//   anything else                → error

export function statusForError(code: ErrorCode): RouterStatus {
  switch (code) {
    case "router_unreachable":
      return "unreachable";
    case "router_auth_failed":
      return "auth_failed";
    case "router_timeout":
      return "timed_out";
    default:
      return "error";
  }
}

export function nextStatus(options: {
  previous: RouterStatus;
  previousSince: Date | null;
  outcome: { ok: true } | { ok: false; code: ErrorCode };
  now: Date;
}): { status: RouterStatus; statusSince: Date } {
  const status = options.outcome.ok ? "ok" : statusForError(options.outcome.code);
  const statusSince = status === options.previous && options.previousSince ? options.previousSince : options.now;
  return { status, statusSince };
}
