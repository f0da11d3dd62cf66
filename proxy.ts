import { NextResponse, type NextRequest } from "next/server";
import { newNonce, NONCE_HEADER, securityHeaders } from "./lib/http/security-headers";

// In front of every page and API route: security headers with a fresh CSP nonce on every response
// (lib/http/security-headers.ts), and the cheap gate: no session cookie → the login page (pages) or
// 401 (API), except the bearer-token routes. Whether the cookie is valid, and the role, is checked on the server by lib/auth/request.ts.
const SESSION_COOKIE = "wanscope_session";
const PUBLIC = new Set(["/login", "/api/auth/login", "/api/health"]);
// Bearer-token routes check their token in the handler (lib/auth/require-token.ts); the API docs are public.
const TOKEN_ROUTES = ["/metrics", "/api/v1", "/api/docs"];
const isTokenRoute = (pathname: string) => TOKEN_ROUTES.some((p) => pathname === p || pathname.startsWith(`${p}/`));

function isHttps(request: NextRequest): boolean {
  const forwarded = (request.headers.get("x-forwarded-proto") ?? "").split(",")[0]?.trim();
  return forwarded ? forwarded === "https" : request.nextUrl.protocol === "https:";
}

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, https: isHttps(request), dev: process.env.NODE_ENV === "development" });
  const withHeaders = (response: NextResponse): NextResponse => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.has(pathname) || isTokenRoute(pathname) || request.cookies.has(SESSION_COOKIE)) {
    // Next.js reads the nonce from the request's CSP and puts it on the scripts it renders.
    const forwarded = new Headers(request.headers);
    forwarded.set("content-security-policy", headers["content-security-policy"]!);
    forwarded.set(NONCE_HEADER, nonce);
    return withHeaders(NextResponse.next({ request: { headers: forwarded } }));
  }
  if (pathname.startsWith("/api/"))
    return withHeaders(NextResponse.json({ error: "Sign in first", code: "unauthenticated" }, { status: 401 }));
  // On the host the browser used (Next's request.url may say localhost for 127.0.0.1; cookies are per host).
  const host = request.headers.get("host");
  const login = new URL("/login", host ? `${request.nextUrl.protocol}//${host}` : request.url);
  if (request.method === "GET" && pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
  return withHeaders(NextResponse.redirect(login, request.method === "GET" ? 307 : 303));
}

export const config = {
  // Everything but Next's own assets and the favicon (next.config.js gives those the static headers).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
