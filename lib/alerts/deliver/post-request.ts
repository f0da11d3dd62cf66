export type SendResult = { ok: boolean; status: number | null; error: string | null; ms: number };

/**
 * POST to a receiver and say how it went. Redirects are not followed (a 3xx is a failure), so a
 * receiver cannot bounce the request to another host. `check` may fail a 2xx whose body says no.
 */
export async function postRequest(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  check?: (status: number, body: string) => string | null;
}): Promise<SendResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(options.url, {
      method: "POST",
      headers: { "user-agent": "WANscope-alerts/1", ...options.headers },
      body: options.body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = options.check ? (await response.text()).slice(0, 10_000) : (await response.body?.cancel().catch(() => {}), "");
    if (response.status >= 300 && response.status < 400)
      return { ok: false, status: response.status, error: "receiver answered with a redirect; redirects are not followed", ms: ms() };
    const refused = options.check?.(response.status, text) ?? null;
    if (response.status >= 200 && response.status < 300 && !refused) return { ok: true, status: response.status, error: null, ms: ms() };
    return { ok: false, status: response.status, error: (refused ?? `receiver answered HTTP ${response.status}`).slice(0, 300), ms: ms() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? "timed out"
        : (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
    return { ok: false, status: null, error: `request failed: ${reason}`.slice(0, 300), ms: ms() };
  }
}
