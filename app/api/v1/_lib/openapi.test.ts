import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { routes } from "./routes";

type Doc = {
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown>; "x-wanscope-scope"?: string }>>;
};

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(openApiDocument() as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes exactly the routes the dispatcher serves, each behind a bearer token with its scope", () => {
    const doc = openApiDocument() as Doc;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    for (const r of routes) {
      const op = doc.paths[r.path]![r.method]!;
      expect(op.security, r.path).toEqual([{ bearer: [] }]);
      expect(op["x-wanscope-scope"]).toBe(r.scope);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining([String(r.status), "401", "403", "429"]));
    }
  });
});
