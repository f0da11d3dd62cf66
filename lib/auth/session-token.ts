import { createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { sealData, unsealData } from "iron-session";

// The cookie is an iron-session seal of a random token; the database keeps only the token's SHA-256,
// so a leaked table cannot be replayed as cookies, and deleting the row revokes the session.

export const SESSION_COOKIE = "wanscope_session";
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
export const SESSION_IDLE_MS = 12 * 3600_000;

export const newToken = (): string => randomBytes(32).toString("base64url");
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The cookie's sealing password, derived from the secret key so no second secret is needed. */
export function cookiePassword(secretKey: Buffer): string {
  return Buffer.from(hkdfSync("sha256", secretKey, Buffer.alloc(0), "wanscope session cookie v1", 32)).toString("hex");
}

export async function sealSessionToken(options: { token: string; secretKey: Buffer }): Promise<string> {
  return sealData({ t: options.token }, { password: cookiePassword(options.secretKey), ttl: SESSION_TTL_MS / 1000 });
}

export async function unsealSessionToken(options: { cookie: string; secretKey: Buffer }): Promise<string | null> {
  try {
    const data = await unsealData<{ t?: unknown }>(options.cookie, {
      password: cookiePassword(options.secretKey),
      ttl: SESSION_TTL_MS / 1000,
    });
    return typeof data.t === "string" && data.t.length >= 32 ? data.t : null;
  } catch {
    return null;
  }
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
