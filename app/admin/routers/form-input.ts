import type { ZodError } from "zod";
import { fieldErrors } from "@/lib/alerts/settings/settings-input";
import { ValidationError } from "@/lib/errors";

// The router form as lib/routers expects it: empty optional fields are absent, tags are comma-separated.

const text = (form: FormData, key: string) => String(form.get(key) ?? "");
const optional = (form: FormData, key: string) => (text(form, key).trim() === "" ? undefined : text(form, key).trim());

export function routerFormInput(form: FormData) {
  return {
    name: text(form, "name"),
    host: text(form, "host"),
    port: optional(form, "port"),
    tlsMode: (optional(form, "tlsMode") ?? "none") as "none",
    tlsCaPem: optional(form, "tlsCaPem"),
    tlsFingerprint: optional(form, "tlsFingerprint"),
    username: text(form, "username"),
    password: text(form, "password"),
    pollIntervalSec: optional(form, "pollIntervalSec"),
    site: optional(form, "site"),
    tags: text(form, "tags")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  };
}

export const formId = (form: FormData): number | null => {
  const n = Number(form.get("id"));
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** Refill a rejected form: every field but the password, the CSRF token and React's own. */
export const refillValues = (form: FormData) =>
  Object.fromEntries(
    [...form.keys()].filter((k) => k !== "password" && k !== "csrf" && !k.startsWith("$")).map((k) => [k, String(form.get(k) ?? "")]),
  );

export const zodFieldErrors = (error: ZodError) => fieldErrors(error);

/** "field: message" issues of a ValidationError from lib, as field errors. */
export function validationFieldErrors(error: unknown): Record<string, string> | undefined {
  if (!(error instanceof ValidationError) || error.issues.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const at = issue.indexOf(": ");
    const field = at > 0 ? issue.slice(0, at).split(".")[0]! : "form";
    out[field] ??= at > 0 ? issue.slice(at + 2) : issue;
  }
  return out;
}
