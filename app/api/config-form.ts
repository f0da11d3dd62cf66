import { NextResponse, type NextRequest } from "next/server";
import { apiError, sameSiteUrl } from "@/lib/auth/request";
import { publicMessage, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";

// The configuration forms post plain HTML forms (they work without JavaScript) or JSON. A form gets a
// 303 to the page that shows the outcome; a failure goes back to the form's page with the public message.

export async function readConfigForm(
  request: NextRequest,
): Promise<{ json: boolean; form: FormData | null; body: Record<string, unknown> }> {
  const json = (request.headers.get("content-type") ?? "").includes("application/json");
  if (json) return { json, form: null, body: ((await request.json().catch(() => null)) as Record<string, unknown> | null) ?? {} };
  const form = await request.formData().catch(() => null);
  const body: Record<string, unknown> = {};
  for (const [key, value] of form?.entries() ?? []) if (key !== "csrf" && typeof value === "string") body[key] = value;
  return { json, form, body };
}

export function configFormDone(options: {
  request: NextRequest;
  json: boolean;
  path: string;
  payload: object;
  status?: number;
}): NextResponse {
  if (options.json) return NextResponse.json(options.payload, { status: options.status ?? 200 });
  return NextResponse.redirect(sameSiteUrl(options.request, options.path), 303);
}

export function configFormFailed(options: {
  request: NextRequest;
  json: boolean;
  backTo: string;
  error: unknown;
  event: string;
}): NextResponse {
  const appError = toAppError(options.error);
  if (options.json || appError.code === "unauthenticated" || appError.code === "forbidden") return apiError(options.error, options.event);
  if (appError.code === "internal") log.error({ event: options.event, err: appError.message }, "configuration form failed");
  const url = sameSiteUrl(options.request, options.backTo);
  url.searchParams.set("notice", publicMessage(appError).slice(0, 300));
  return NextResponse.redirect(url, 303);
}
