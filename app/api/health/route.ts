// GET /api/health — whether the database answers (public: it says nothing else); pages that found the
// database unreachable poll it and reload once it answers.
import { NextResponse } from "next/server";
import { getDb, isDatabaseUnavailable } from "@/lib/db";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return NextResponse.json({ database: "ok" });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) log.error({ event: "health.failed", err: String(error) }, "health check failed");
    return NextResponse.json({ database: "unreachable" }, { status: 503, headers: { "retry-after": "5" } });
  }
}
