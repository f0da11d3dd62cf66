import type { ConnectionFailure, ConnectionReport } from "@/lib/routers/test-connection";

/** What the router form's save action answers: a message, per-field errors, the submitted values (never the password). */
export type RouterFormState = { ok: boolean; message?: string; errors?: Record<string, string>; values?: Record<string, string> };
export const INITIAL_ROUTER_FORM_STATE: RouterFormState = { ok: false };

/** What "Test connection" answers: the report, the router's failure, or fields to fix first. */
export type TestConnectionAnswer =
  ConnectionReport | ConnectionFailure | { ok: false; code: "invalid"; message: string; errors?: Record<string, string> };
