import { describe, expect, it } from "vitest";
import { nextStatus, statusForError } from "./router-status";

describe("router status transitions", () => {
  const t0 = new Date("2026-01-01T10:00:00Z");
  const t1 = new Date("2026-01-01T10:00:10Z");

  it.each([
    ["router_unreachable", "unreachable"],
    ["router_auth_failed", "auth_failed"],
    ["router_timeout", "timed_out"],
    ["router_trap", "error"],
    ["internal", "error"],
  ] as const)("%s → %s", (code, status) => {
    expect(statusForError(code)).toBe(status);
  });

  it.each([
    { previous: "unknown", outcome: { ok: true }, status: "ok", since: t1 },
    { previous: "ok", outcome: { ok: true }, status: "ok", since: t0 },
    { previous: "ok", outcome: { ok: false, code: "router_unreachable" }, status: "unreachable", since: t1 },
    { previous: "unreachable", outcome: { ok: false, code: "router_unreachable" }, status: "unreachable", since: t0 },
    { previous: "unreachable", outcome: { ok: false, code: "router_auth_failed" }, status: "auth_failed", since: t1 },
    { previous: "auth_failed", outcome: { ok: true }, status: "ok", since: t1 },
  ] as const)("$previous + $outcome.ok → $status", ({ previous, outcome, status, since }) => {
    expect(nextStatus({ previous, previousSince: t0, outcome, now: t1 })).toEqual({ status, statusSince: since });
  });
});
