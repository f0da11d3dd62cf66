// GET /api/v1/openapi.json — the API's OpenAPI 3.1 document, generated from its routes (public)
import { NextResponse } from "next/server";
import { openApiDocument } from "../_lib/openapi";

export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
