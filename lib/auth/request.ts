import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { cache } from "react";
import { resolveSecretKey } from "../crypto/secret-key";
import { getDb } from "../db";
import { getEnv } from "../env";
import { ForbiddenError, httpStatusOf, newErrorId, publicMessage, toAppError, UnauthenticatedError } from "../errors";
import { log } from "../log";
import { resolveSession, type ResolvedSession } from "./resolve-session";
import { hasRole, type Role } from "./roles";
import { sameToken, sealSessionToken, SESSION_COOKIE, SESSION_TTL_MS, unsealSessionToken } from "./session-token";

// Sign-in as the Next.js app sees it: every page, route handler and server action asks here, on the
// server, for the user and the role it needs. proxy.ts only turns away requests without a cookie.

let key: Buffer | undefined;
export function webSecretKey(): Buffer {
  if (!key) {
    const env = getEnv();
    key = resolveSecretKey({
      fromEnv: env.WANSCOPE_SECRET_KEY || undefined,
      keyFile: env.WANSCOPE_SECRET_KEY_FILE,
      allowGenerate: false,
    }).key;
  }
  return key;
}

/** The signed-in user of this request, or null; once per request. */
export const currentSession = cache(async (): Promise<ResolvedSession | null> => {
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!cookie) return null;
  const token = await unsealSessionToken({ cookie, secretKey: webSecretKey() });
  return token ? resolveSession({ ctx: { db: getDb() }, input: { token, now: new Date() } }) : null;
});

/** For pages: sends visitors to the login page and users without the role to /forbidden. */
export async function requirePageUser(role: Role = "viewer"): Promise<ResolvedSession> {
  const session = await currentSession();
  if (!session) redirect("/login");
  if (!hasRole(session.user, role)) redirect("/forbidden");
  return session;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The request comes from a page of this site (Origin, else Referer, equals our own origin). */
export function sameOrigin(h: Pick<Headers, "get">): boolean {
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return false;
  const proto = (h.get("x-forwarded-proto") ?? "http").split(",")[0]!.trim();
  const expected = `${proto}://${host}`;
  const origin = h.get("origin");
  if (origin) return origin === expected;
  const referer = h.get("referer");
  return referer !== null && (referer === expected || referer.startsWith(`${expected}/`));
}

function checkCsrf(session: ResolvedSession, supplied: unknown): void {
  if (typeof supplied !== "string" || !sameToken(supplied, session.csrfToken)) throw new ForbiddenError("missing or wrong CSRF token");
}

/**
 * For route handlers: the session (401 without), the role (403), and for changes the Origin and the
 * CSRF token (header x-csrf-token, or the form field `csrf` when the caller parsed a form).
 */
export async function requireApiUser(options: { request: Request; role: Role; form?: FormData | null }): Promise<ResolvedSession> {
  const unsafe = UNSAFE.has(options.request.method.toUpperCase());
  if (unsafe && !sameOrigin(options.request.headers)) throw new ForbiddenError("cross-site request refused");
  const session = await currentSession();
  if (!session) throw new UnauthenticatedError();
  if (!hasRole(session.user, options.role)) throw new ForbiddenError(`${session.user.role} may not do this; needs ${options.role}`);
  if (unsafe) checkCsrf(session, options.request.headers.get("x-csrf-token") ?? options.form?.get("csrf") ?? undefined);
  return session;
}

/** For server actions (always POST): Origin, session, role and the form's `csrf` field, which is then removed. */
export async function requireActionUser(options: { role: Role; form: FormData }): Promise<ResolvedSession> {
  if (!sameOrigin(await headers())) throw new ForbiddenError("cross-site request refused");
  const session = await currentSession();
  if (!session) throw new UnauthenticatedError();
  if (!hasRole(session.user, options.role)) throw new ForbiddenError(`${session.user.role} may not do this; needs ${options.role}`);
  checkCsrf(session, options.form.get("csrf"));
  options.form.delete("csrf");
  return session;
}

/**
 * An absolute URL on the host the browser used (its Host header): Next's nextUrl says "localhost" when
 * the browser said 127.0.0.1, and a redirect there would lose the cookie. Paths only, never other hosts.
 */
export function sameSiteUrl(request: Request, path: string): URL {
  const h = request.headers;
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const proto = (h.get("x-forwarded-proto") ?? "http").split(",")[0]!.trim();
  return new URL(path, host ? `${proto}://${host}` : request.url);
}

/** JSON error for a route handler: the public message only; internal ones are logged here. */
export function apiError(error: unknown, event: string): NextResponse {
  const appError = toAppError(error);
  if (appError.code !== "internal")
    return NextResponse.json({ error: publicMessage(appError), code: appError.code }, { status: httpStatusOf(appError) });
  const errorId = newErrorId();
  log.error({ event, errorId, err: appError.message }, "request failed");
  return NextResponse.json({ error: `Internal error, id ${errorId}`, code: appError.code, errorId }, { status: httpStatusOf(appError) });
}

/** Secure when the request reached us over HTTPS (directly or through a proxy that says so). */
export async function requestIsHttps(): Promise<boolean> {
  const h = await headers();
  return (h.get("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https";
}

export async function setSessionCookie(response: NextResponse, token: string): Promise<void> {
  response.cookies.set(SESSION_COOKIE, await sealSessionToken({ token, secretKey: webSecretKey() }), {
    httpOnly: true,
    sameSite: "lax",
    secure: await requestIsHttps(),
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(response: NextResponse): void {
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
}

export async function sessionTokenFromCookie(): Promise<string | null> {
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  return cookie ? unsealSessionToken({ cookie, secretKey: webSecretKey() }) : null;
}
