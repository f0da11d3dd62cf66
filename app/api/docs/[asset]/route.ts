// GET /api/docs/:asset — Swagger UI's script and stylesheet from node_modules, and the page's init script
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getAbsoluteFSPath } from "swagger-ui-dist";
import { NextResponse } from "next/server";

// Only these names, so the route can never read another file.
const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

// A file of its own rather than an inline script, so a Content-Security-Policy of script-src 'self' allows it.
const INIT = `window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true, persistAuthorization: false });`;

// swagger-ui-dist is a server-external package (next.config.js), so Node loads it and its own path is real.
const distDir = (): string => getAbsoluteFSPath();

export async function GET(_request: Request, context: { params: Promise<{ asset: string }> }) {
  const { asset } = await context.params;
  const headers = { "cache-control": "public, max-age=86400" };
  if (asset === "init.js") return new NextResponse(INIT, { headers: { ...headers, "content-type": "text/javascript; charset=utf-8" } });
  const type = FILES[asset];
  if (!type) return NextResponse.json({ error: { code: "not_found", message: "Not found" } }, { status: 404 });
  return new NextResponse(await readFile(path.join(distDir(), asset)), { headers: { ...headers, "content-type": type } });
}
