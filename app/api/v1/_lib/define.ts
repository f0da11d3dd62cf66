import { z } from "zod";
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import type { Actor, TokenPrincipal, TokenScope } from "@/lib/auth";
import type { Db } from "@/lib/db";

// One table of routes drives both the dispatcher and the OpenAPI document, so the document cannot
// describe a route that does not exist or miss one that does.
extendZodWithOpenApi(z);

export type Method = "get" | "post" | "patch" | "delete";

export type HandlerInput<P, Q, B> = {
  params: P;
  query: Q;
  body: B;
  principal: TokenPrincipal;
  actor: Actor;
  db: Db;
  now: Date;
  /** Base URL of this API as the caller reached it (for links to poll). */
  base: string;
};

export type HandlerResult = { status?: number; body: unknown; headers?: Record<string, string> };

export type ApiRoute = {
  method: Method;
  /** OpenAPI path under /api/v1, e.g. "/routers/{id}". */
  path: string;
  scope: TokenScope;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and the schema of its body. */
  status: number;
  response: z.ZodType;
  handle: (input: HandlerInput<never, never, never>) => Promise<HandlerResult>;
};

/** Typed at the definition site; erased into the table. */
export function route<P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined>(def: {
  method: Method;
  path: string;
  scope: TokenScope;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  status?: number;
  response: z.ZodType;
  handle: (
    input: HandlerInput<
      P extends z.ZodObject ? z.output<P> : Record<string, never>,
      Q extends z.ZodObject ? z.output<Q> : Record<string, never>,
      B extends z.ZodType ? z.output<B> : undefined
    >,
  ) => Promise<HandlerResult>;
}): ApiRoute {
  return { ...def, status: def.status ?? 200, handle: def.handle as ApiRoute["handle"] };
}

export { z };
