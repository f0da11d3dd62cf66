// POST /api/actions — request a move, pin, unpin or resolve for one or more clients of a router (operator)
// GET /api/actions?ids=1,2 — the status of actions (pending, running, done, failed with the router's error)
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { requestClientActions } from "@/lib/actions";
import { apiError, requireApiUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getActionStatuses } from "@/lib/queries/action-status";
import { actionsQueue } from "@/lib/runtime/web-runtime";

export async function POST(request: NextRequest) {
  try {
    const { user } = await requireApiUser({ request, role: "operator" });
    const body = (await request.json().catch(() => null)) as unknown;
    if (body === null) throw new ValidationError("send the action as JSON");
    const result = await requestClientActions({ ctx: { db: getDb(), queue: actionsQueue(), log }, input: body as never, user });
    return NextResponse.json(result, { status: 202 });
  } catch (error) {
    return apiError(error, "actions.request_failed");
  }
}

const idsSchema = z
  .string()
  .regex(/^\d+(,\d+){0,499}$/)
  .transform((v) => v.split(",").map(Number));

export async function GET(request: NextRequest) {
  try {
    await requireApiUser({ request, role: "viewer" });
    const ids = idsSchema.safeParse(request.nextUrl.searchParams.get("ids") ?? "");
    if (!ids.success) throw new ValidationError("ids must be action ids separated by commas");
    return NextResponse.json({ actions: await getActionStatuses({ db: getDb(), ids: ids.data }) });
  } catch (error) {
    return apiError(error, "actions.status_failed");
  }
}
