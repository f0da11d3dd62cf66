import { actorOf } from "@/lib/auth/authenticate-token";
import { requireToken } from "@/lib/auth/require-token";
import { sameSiteUrl } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import type { z } from "zod";
import type { ApiRoute, Method } from "./define";
import { apiErrorResponse, apiJson } from "./respond";
import { routes } from "./routes";

// Matches a request to the route table: the token first (so nothing about a route leaks to a caller
// without one), then path parameters, query and body through the route's zod schemas.

const segmentsOf = (path: string) => path.split("/").filter(Boolean);

function match(path: string[], pattern: string): Record<string, string> | null {
  const parts = segmentsOf(pattern);
  if (parts.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const value = path[i]!;
    if (part.startsWith("{") && part.endsWith("}")) params[part.slice(1, -1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

const issuesOf = (error: z.ZodError, where: string) => error.issues.map((i) => `${[where, ...i.path].join(".")}: ${i.message}`);

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return {} as T;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(`invalid ${where}`, issuesOf(result.error, where));
  return result.data;
}

class MethodNotAllowedError extends AppError {
  constructor(readonly allow: string[]) {
    super({
      code: "validation_failed",
      message: `method not allowed; use ${allow.join(", ")}`,
      publicMessage: `Method not allowed; use ${allow.join(", ")}`,
    });
  }
}

export async function dispatch(request: Request, method: Method, path: string[]): Promise<Response> {
  const candidates = routes.map((r) => ({ route: r, params: match(path, r.path) })).filter((c) => c.params !== null);
  const found = candidates.find((c) => c.route.method === method);
  try {
    if (!found) {
      if (candidates.length > 0) throw new MethodNotAllowedError(candidates.map((c) => c.route.method.toUpperCase()));
      throw new NotFoundError(`API route /api/v1/${path.join("/")}`);
    }
    const route: ApiRoute = found.route;
    const principal = await requireToken({ request, scope: route.scope });
    const params = parse(route.params, found.params, "path");
    const url = new URL(request.url);
    const query = parse(
      route.query,
      Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.get(k)])),
      "query",
    );
    let body: unknown;
    if (route.body) {
      const raw = await request.text();
      try {
        body = raw === "" ? {} : (JSON.parse(raw) as unknown);
      } catch {
        throw new ValidationError("invalid body", ["body: not valid JSON"]);
      }
      body = parse(route.body, body, "body");
    }
    const result = await route.handle({
      params: params as never,
      query: query as never,
      body: body as never,
      principal,
      actor: actorOf(principal),
      db: getDb(),
      now: new Date(),
      base: sameSiteUrl(request, "/api/v1").toString(),
    });
    const response = apiJson(result.body, result.status ?? route.status);
    for (const [k, v] of Object.entries(result.headers ?? {})) response.headers.set(k, v);
    return response;
  } catch (error) {
    const response = apiErrorResponse(error, "api.request_failed");
    if (error instanceof MethodNotAllowedError) {
      return new Response(await response.text(), {
        status: 405,
        headers: { "content-type": "application/json", allow: error.allow.join(", ") },
      });
    }
    return response;
  }
}
