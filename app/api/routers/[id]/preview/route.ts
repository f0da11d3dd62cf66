// GET /api/routers/:id/preview?address=IP — the client's WAN-list entries and its tracked connections, read live (operator)
import { isIP } from "node:net";
import { NextResponse, type NextRequest } from "next/server";
import { previewClient } from "@/lib/actions";
import { apiError, requireApiUser, webSecretKey } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { routerIdSchema } from "@/app/search-params";
import { webRouterSessions } from "@/lib/runtime/web-runtime";

export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  try {
    await requireApiUser({ request, role: "operator" });
    const id = routerIdSchema.safeParse((await context.params).id);
    const address = request.nextUrl.searchParams.get("address") ?? "";
    if (!id.success || isIP(address) !== 4) throw new ValidationError("a router id and an IPv4 client address are required");
    const preview = await previewClient({
      ctx: { db: getDb(), sessions: webRouterSessions(), secretKey: webSecretKey() },
      input: { routerId: id.data, address },
    });
    return NextResponse.json(preview);
  } catch (error) {
    return apiError(error, "actions.preview_failed");
  }
}
