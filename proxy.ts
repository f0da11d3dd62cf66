import { NextResponse, type NextRequest } from "next/server";

// The cheap gate in front of every page and API route: no session cookie → the login page (pages) or
// 401 (API), except the bearer-token routes. Whether the cookie is valid, and the role, is checked on the server by lib/auth/request.ts.
const SESSION_COOKIE = "wanscope_session";
const PUBLIC = new Set(["/login", "/api/auth/login"]);
// Bearer-token routes check their token in the handler (lib/auth/require-token.ts); the API docs are public.
const TOKEN_ROUTES = ["/metrics", "/api/v1/", "/api/docs"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.has(pathname) || request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  if (TOKEN_ROUTES.some((p) => pathname === p || (p.endsWith("/") && pathname.startsWith(p)) || pathname.startsWith(`${p}/`)))
    return NextResponse.next();
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in first", code: "unauthenticated" }, { status: 401 });
  // On the host the browser used (Next's request.url may say localhost for 127.0.0.1; cookies are per host).
  const host = request.headers.get("host");
  const login = new URL("/login", host ? `${request.nextUrl.protocol}//${host}` : request.url);
  if (request.method === "GET" && pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login, request.method === "GET" ? 307 : 303);
}

export const config = {
  // Everything but Next's own assets and the favicon.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
