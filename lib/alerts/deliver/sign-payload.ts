import { createHmac, timingSafeEqual } from "node:crypto";

// Receivers verify `X-WANscope-Signature: sha256=<hex>` = HMAC-SHA256(secret, "<timestamp>.<raw body>")
// and reject timestamps too far from their clock, so a captured request cannot be replayed later.
export const SIGNATURE_HEADER = "x-wanscope-signature";
export const TIMESTAMP_HEADER = "x-wanscope-timestamp";
export const DELIVERY_HEADER = "x-wanscope-delivery";
export const DEFAULT_TOLERANCE_SEC = 300;

export function signPayload(options: { secret: string; body: string; timestampSec: number }): string {
  return `sha256=${createHmac("sha256", options.secret).update(`${options.timestampSec}.${options.body}`).digest("hex")}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: "missing" | "bad_signature" | "too_old" };

/** For receivers and tests: constant-time compare, and a timestamp within the tolerance of `now`. */
export function verifySignature(options: {
  secret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now: Date;
  toleranceSec?: number;
}): VerifyResult {
  if (!options.signature || !options.timestamp || !/^\d+$/.test(options.timestamp)) return { ok: false, reason: "missing" };
  const ts = Number(options.timestamp);
  if (Math.abs(options.now.getTime() / 1000 - ts) > (options.toleranceSec ?? DEFAULT_TOLERANCE_SEC))
    return { ok: false, reason: "too_old" };
  const expected = Buffer.from(signPayload({ secret: options.secret, body: options.body, timestampSec: ts }));
  const given = Buffer.from(options.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: "bad_signature" };
}
