// POST /api/alerts/:id/acknowledge — acknowledge an open alert (form or JSON), then redirect back
import { NextResponse, type NextRequest } from "next/server";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { getDb } from "@/lib/db";
import { isAppError, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { routerIdSchema } from "@/app/search-params";
import { apiError, requireApiUser, sameSiteUrl } from "@/lib/auth/request";

// Only same-site paths: never redirect to another host from a form field.
const safeReturn = (value: FormDataEntryValue | null): string =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/alerts";

export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const id = routerIdSchema.safeParse((await context.params).id);
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  if (!id.success) return NextResponse.json({ error: "alert id must be a positive whole number" }, { status: 400 });
  const form = wantsJson ? null : await request.formData().catch(() => null);
  let userId: number;
  try {
    userId = (await requireApiUser({ request, role: "operator", form })).user.id;
  } catch (error) {
    return apiError(error, "alert.ack_refused");
  }
  try {
    const outcome = await acknowledgeAlert({ db: getDb(), alertId: id.data, byUserId: userId, now: new Date() });
    if (wantsJson) return NextResponse.json({ alertId: outcome.alertId, state: outcome.state, changed: outcome.changed });
    return NextResponse.redirect(sameSiteUrl(request, safeReturn(form?.get("returnTo") ?? null)), 303);
  } catch (error) {
    const appError = toAppError(error);
    if (!isAppError(error) || appError.code === "internal")
      log.error({ event: "alert.ack_failed", alertId: id.data, err: appError.message }, "acknowledge failed");
    const status = appError.code === "not_found" ? 404 : appError.retryable ? 503 : 500;
    return NextResponse.json({ error: appError.publicMessage }, { status });
  }
}
