"use client";
import { createContext, useContext, useEffect, type ReactNode } from "react";

// The session's CSRF token reaches the browser in the page (never in a cookie script could read from
// another site). Forms get it as a hidden field; fetch calls send it as x-csrf-token.

const CsrfContext = createContext<string>("");

export const useCsrfToken = () => useContext(CsrfContext);

/** Hidden `csrf` field for forms that post (server-rendered, so it works before hydration). */
export function CsrfField() {
  const token = useCsrfToken();
  return <input type="hidden" name="csrf" value={token} />;
}

/**
 * Provides the token, and adds it to any posting form that lacks it (forms of other components and
 * React server-action forms) in the capture phase, before React reads the form's data.
 */
export function CsrfProvider({ token, children }: { token: string; children: ReactNode }) {
  useEffect(() => {
    if (!token) return;
    const onSubmit = (event: Event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const posts = form.method.toLowerCase() === "post" || (form.getAttribute("action") ?? "").startsWith("javascript:");
      if (!posts || form.querySelector('input[name="csrf"]')) return;
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "csrf";
      input.value = token;
      form.appendChild(input);
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, [token]);
  return <CsrfContext.Provider value={token}>{children}</CsrfContext.Provider>;
}

/** fetch with the CSRF header and JSON; throws with the server's public message on failure. */
export async function postJson<T>(token: string, url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": token },
    body: JSON.stringify(body),
  });
  const data = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  return data as T;
}
