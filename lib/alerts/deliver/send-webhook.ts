import { DELIVERY_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from "./sign-payload";

export type SendResult = { ok: boolean; status: number | null; error: string | null; ms: number };

/**
 * POST a body to a channel URL, signed when a secret is set. Redirects are not followed (a 3xx is a
 * failure), so a receiver cannot bounce the request to another host.
 */
export async function sendWebhook(options: {
  url: string;
  body: string;
  secret: string | null;
  deliveryId: string;
  now: Date;
  timeoutMs?: number;
}): Promise<SendResult> {
  const started = performance.now();
  const timestampSec = Math.floor(options.now.getTime() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "WANscope-alerts/1",
    [TIMESTAMP_HEADER]: String(timestampSec),
    [DELIVERY_HEADER]: options.deliveryId,
  };
  if (options.secret) headers[SIGNATURE_HEADER] = signPayload({ secret: options.secret, body: options.body, timestampSec });
  try {
    const response = await fetch(options.url, {
      method: "POST",
      headers,
      body: options.body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel().catch(() => {});
    const ms = Math.round(performance.now() - started);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: null, ms };
    if (response.status >= 300 && response.status < 400)
      return { ok: false, status: response.status, error: "receiver answered with a redirect; redirects are not followed", ms };
    return { ok: false, status: response.status, error: `receiver answered HTTP ${response.status}`, ms };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? "timed out"
        : (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
    return { ok: false, status: null, error: `request failed: ${reason}`.slice(0, 300), ms: Math.round(performance.now() - started) };
  }
}
