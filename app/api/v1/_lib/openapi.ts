import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { ErrorBody } from "./schemas";
import { routes } from "./routes";

// The OpenAPI 3.1 document, generated from the route table and its zod schemas.

const refusals = {
  400: "Invalid input (the issues name each bad field)",
  401: "No token, or an unknown, revoked or expired one",
  403: "The token's scope does not allow this",
  404: "Not found",
  429: "Over the token's rate limit (see Retry-After)",
} as const;

let cached: object | null = null;

export function openApiDocument(): object {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token (wsk_…) made by an admin in Admin → API tokens or with `wanscope token create`.",
  });
  for (const r of routes) {
    const error = { content: { "application/json": { schema: ErrorBody } } };
    registry.registerPath({
      method: r.method,
      path: r.path,
      summary: r.summary,
      description: `${r.description ? `${r.description}\n\n` : ""}Needs a token with the \`${r.scope}\` scope or above.`,
      tags: [r.tag],
      security: [{ [bearer.name]: [] }],
      "x-wanscope-scope": r.scope,
      request: {
        ...(r.params ? { params: r.params } : {}),
        ...(r.query ? { query: r.query } : {}),
        ...(r.body ? { body: { required: true, content: { "application/json": { schema: r.body } } } } : {}),
      },
      responses: {
        [r.status]: { description: "Success", content: { "application/json": { schema: r.response } } },
        ...Object.fromEntries(Object.entries(refusals).map(([status, description]) => [status, { description, ...error }])),
      },
    });
  }
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "WANscope API",
      version: "1",
      description:
        "Read the fleet, act on clients and manage routers with an API token. Lists are paged with opaque cursors: pass a page's `nextCursor` as `cursor` (with the same `limit`) for the next one. Errors are `{ error: { code, message, issues? } }`. Requests are rate-limited per token and minute.",
    },
    servers: [{ url: "/api/v1" }],
  });
  return cached;
}
