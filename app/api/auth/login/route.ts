// POST /api/auth/login — sign in with email and password (form or JSON); sets the session cookie
import { NextResponse, type NextRequest } from "next/server";
import { signIn } from "@/lib/auth";
import { sameOrigin, sameSiteUrl, setSessionCookie } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { httpStatusOf, publicMessage, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getEnv } from "@/lib/env";
import { clientAddress, parseTrustProxy } from "@/lib/auth/client-address";
import type { BlockList } from "node:net";

const safeNext = (value: unknown): string =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/";

// The client address for throttling: the socket's, or a trusted proxy's x-forwarded-for (TRUST_PROXY).
let trustProxy: BlockList | null | undefined;
function clientIp(request: NextRequest): string {
  if (trustProxy === undefined) {
    const parsed = parseTrustProxy(getEnv().TRUST_PROXY);
    trustProxy = "list" in parsed && parsed.entries.length > 0 ? parsed.list : null;
  }
  return clientAddress({ headers: request.headers, trustProxy });
}

export async function POST(request: NextRequest) {
  const wantsJson = (request.headers.get("content-type") ?? "").includes("application/json");
  const body: Record<string, unknown> = wantsJson
    ? ((await request.json().catch(() => ({}))) as Record<string, unknown>)
    : Object.fromEntries((await request.formData().catch(() => new FormData())).entries());
  const next = safeNext(body.next);
  const fail = (code: string, status: number, message: string) =>
    wantsJson
      ? NextResponse.json({ error: message, code }, { status })
      : NextResponse.redirect(sameSiteUrl(request, `/login?error=${code}&next=${encodeURIComponent(next)}`), 303);
  // Login CSRF: a sign-in form posted from another site must not sign the browser in.
  if (!sameOrigin(request.headers)) return fail("forbidden", 403, "cross-site request refused");
  try {
    const result = await signIn({
      ctx: { db: getDb() },
      input: { email: String(body.email ?? ""), password: String(body.password ?? ""), ip: clientIp(request), now: new Date() },
    });
    log.info({ event: "auth.signed_in", userId: result.user.id }, "signed in");
    const response = wantsJson
      ? NextResponse.json({ user: { email: result.user.email, role: result.user.role } })
      : NextResponse.redirect(sameSiteUrl(request, next), 303);
    await setSessionCookie(response, result.token);
    return response;
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal") log.error({ event: "auth.sign_in_failed", err: appError.message }, "sign-in failed");
    else log.warn({ event: "auth.sign_in_refused", code: appError.code }, "sign-in refused");
    return fail(appError.code, httpStatusOf(appError), publicMessage(appError));
  }
}
