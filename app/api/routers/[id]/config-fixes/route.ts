// POST /api/routers/:id/config-fixes — apply a previewed configuration fix (admin): code, subject, option, fingerprint, confirm=yes
import type { NextRequest } from "next/server";
import { configFormDone, configFormFailed, readConfigForm } from "@/app/api/config-form";
import { routerIdSchema } from "@/app/search-params";
import { requireApiUser } from "@/lib/auth/request";
import { requestConfigFix } from "@/lib/config-audit/request-fix";
import { getDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { actionsQueue } from "@/lib/runtime/web-runtime";

export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const id = routerIdSchema.safeParse((await context.params).id);
  const { json, form, body } = await readConfigForm(request);
  const backTo = `/routers/${id.success ? id.data : ""}/configuration`;
  try {
    const { user } = await requireApiUser({ request, role: "admin", form });
    if (!id.success) throw new ValidationError("router id must be a positive whole number");
    if (body.confirm !== "yes" && body.confirm !== true) throw new ValidationError("Tick “I reviewed these commands” to apply the fix.");
    const { confirm: _confirm, ...input } = body;
    const { fixId } = await requestConfigFix({
      ctx: { db: getDb(), queue: actionsQueue() },
      input: { ...(input as { code: "nth-skew"; option: string; fingerprint: string }), routerId: id.data },
      user,
    });
    return configFormDone({ request, json, path: `/routers/${id.data}/configuration/fixes/${fixId}`, payload: { fixId }, status: 202 });
  } catch (error) {
    return configFormFailed({ request, json, backTo, error, event: "config.fix_request_failed" });
  }
}
