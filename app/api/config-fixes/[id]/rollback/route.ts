// POST /api/config-fixes/:id/rollback — restore the rules a fix saved before it ran (admin)
import type { NextRequest } from "next/server";
import { configFormDone, configFormFailed, readConfigForm } from "@/app/api/config-form";
import { routerIdSchema } from "@/app/search-params";
import { requireApiUser } from "@/lib/auth/request";
import { requestConfigRollback } from "@/lib/config-audit/request-fix";
import { getDb } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { actionsQueue } from "@/lib/runtime/web-runtime";

export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const id = routerIdSchema.safeParse((await context.params).id);
  const { json, form } = await readConfigForm(request);
  const fix = id.success ? await getDb().configFix.findUnique({ where: { id: id.data }, select: { id: true, routerId: true } }) : null;
  const page = fix ? `/routers/${fix.routerId}/configuration/fixes/${fix.id}` : "/configuration";
  try {
    const { user } = await requireApiUser({ request, role: "admin", form });
    if (!id.success) throw new ValidationError("fix id must be a positive whole number");
    if (!fix) throw new NotFoundError("fix");
    await requestConfigRollback({ ctx: { db: getDb(), queue: actionsQueue() }, input: { fixId: fix.id }, user });
    return configFormDone({ request, json, path: page, payload: { fixId: fix.id, status: "rolling_back" }, status: 202 });
  } catch (error) {
    return configFormFailed({ request, json, backTo: page, error, event: "config.rollback_request_failed" });
  }
}
