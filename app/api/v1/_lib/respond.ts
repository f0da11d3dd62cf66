import { NextResponse } from "next/server";
import { httpStatusOf, isAppError, publicMessage, RateLimitedError, toAppError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";

// The JSON API's one error mapper: { error: { code, message, issues? } } with the status of the
// code; internal messages are logged with an id the client can quote, never sent.

export type ApiErrorBody = { error: { code: string; message: string; issues?: string[]; id?: string } };

export function apiErrorResponse(error: unknown, event: string): NextResponse<ApiErrorBody> {
  const appError = toAppError(error);
  const body: ApiErrorBody = { error: { code: appError.code, message: publicMessage(appError) } };
  if (error instanceof ValidationError && error.issues.length > 0) body.error.issues = error.issues;
  if (appError.code === "internal" || !isAppError(error)) {
    const id = crypto.randomUUID();
    body.error.id = id;
    log.error({ event, errorId: id, err: appError.message }, "API request failed");
  }
  const headers = new Headers();
  if (appError.code === "unauthenticated") headers.set("www-authenticate", 'Bearer realm="wanscope"');
  if (error instanceof RateLimitedError && error.retryAfterSec) headers.set("retry-after", String(error.retryAfterSec));
  return NextResponse.json(body, { status: httpStatusOf(appError), headers });
}

/** JSON with dates as ISO text and 64-bit ids as strings. */
export function apiJson(data: unknown, status = 200): NextResponse {
  const body = JSON.stringify(data, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  return new NextResponse(body, { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}
