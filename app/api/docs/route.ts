// GET /api/docs — the API's OpenAPI document in Swagger UI, served from the swagger-ui-dist package (no CDN)
import { NONCE_HEADER } from "@/lib/http/security-headers";

export const dynamic = "force-dynamic";

// The scripts carry this response's CSP nonce (proxy.ts puts it on the request), as Next's own do.
const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>WANscope API</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script nonce="${nonce}" src="/api/docs/swagger-ui-bundle.js"></script>
  <script nonce="${nonce}" src="/api/docs/init.js"></script>
</body>
</html>`;

export function GET(request: Request) {
  const nonce = (request.headers.get(NONCE_HEADER) ?? "").replace(/[^A-Za-z0-9+/=]/g, "");
  return new Response(page(nonce), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
