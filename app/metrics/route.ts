// GET /metrics — Prometheus exposition of the fleet, read from Postgres (bearer token with the `metrics` scope or any role)
import { NextResponse } from "next/server";
import { requireToken } from "@/lib/auth/require-token";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { collectMetrics } from "@/lib/observability/collect-metrics";
import { allQueues } from "@/lib/runtime/web-runtime";
import { apiErrorResponse } from "../api/v1/_lib/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    await requireToken({ request, scope: "metrics" });
    const { contentType, body } = await collectMetrics({
      db: getDb(),
      now: new Date(),
      queues: allQueues(),
      clientSeriesMax: getEnv().METRICS_CLIENT_SERIES_MAX,
    });
    return new NextResponse(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch (error) {
    return apiErrorResponse(error, "metrics.scrape_failed");
  }
}
