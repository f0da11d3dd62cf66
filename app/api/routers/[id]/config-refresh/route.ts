// POST /api/routers/:id/config-refresh — ask the router's next poll to read its configuration again (operator)
import type { NextRequest } from "next/server";
import { configFormDone, configFormFailed, readConfigForm } from "@/app/api/config-form";
import { routerIdSchema } from "@/app/search-params";
import { requireApiUser } from "@/lib/auth/request";
import { requestConfigRefresh } from "@/lib/config-audit/store";
import { writeAudit } from "@/lib/actions";
import { getDb } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";

export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  const id = routerIdSchema.safeParse((await context.params).id);
  const { json, form } = await readConfigForm(request);
  const page = `/routers/${id.success ? id.data : ""}/configuration`;
  try {
    const { user } = await requireApiUser({ request, role: "operator", form });
    if (!id.success) throw new ValidationError("router id must be a positive whole number");
    const db = getDb();
    if (!(await db.router.findUnique({ where: { id: id.data }, select: { id: true } }))) throw new NotFoundError("router");
    await requestConfigRefresh({ db, routerId: id.data, now: new Date() });
    await writeAudit({ ctx: { db }, input: { user, action: "config.refresh_requested", routerId: id.data, result: "requested" } });
    return configFormDone({ request, json, path: page, payload: { requested: true }, status: 202 });
  } catch (error) {
    return configFormFailed({ request, json, backTo: page, error, event: "config.refresh_failed" });
  }
}
