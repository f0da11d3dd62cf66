// GET|POST|PATCH|DELETE /api/v1/... — the JSON API (bearer tokens); routes in app/api/v1/_lib/routes.ts
import { dispatch } from "../_lib/dispatch";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ path: string[] }> };

export const GET = async (request: Request, context: Context) => dispatch(request, "get", (await context.params).path);
export const POST = async (request: Request, context: Context) => dispatch(request, "post", (await context.params).path);
export const PATCH = async (request: Request, context: Context) => dispatch(request, "patch", (await context.params).path);
export const DELETE = async (request: Request, context: Context) => dispatch(request, "delete", (await context.params).path);
