import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { createApiToken, revokeApiToken } from "../../lib/auth/api-tokens";
import { PrismaClient } from "../../lib/db/generated/client";

// Every route of the JSON API, as its OpenAPI document lists them, and /metrics refuse a request
// without a token, with a revoked or an expired token, and with a token whose scope is too low; the
// right scope reaches the route. Errors are JSON with a code and a message, never a stack trace.
test.use({ storageState: { cookies: [], origins: [] } });

type Op = { "x-wanscope-scope": "metrics" | "viewer" | "operator" | "admin" };
const LOWER = { viewer: "metrics", operator: "viewer", admin: "operator" } as const;
const tokens: Record<string, string> = {};
let db: PrismaClient;

test.beforeAll(async () => {
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.E2E_DATABASE_URL!, max: 2 }) });
  const by = { id: null, email: "e2e" };
  const now = new Date();
  for (const scope of ["metrics", "viewer", "operator", "admin"] as const)
    tokens[scope] = (await createApiToken({ db, input: { name: `auth-spec-${scope}`, scope }, by, now })).token;
  const revoked = await createApiToken({ db, input: { name: "auth-spec-revoked", scope: "admin" }, by, now });
  await revokeApiToken({ db, id: revoked.row.id, by, now });
  tokens.revoked = revoked.token;
  const expiring = await createApiToken({
    db,
    input: { name: "auth-spec-expired", scope: "admin", expiresAt: new Date(Date.now() + 1000) },
    by,
    now,
  });
  tokens.expired = expiring.token;
  await db.apiToken.update({ where: { id: expiring.row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
});

test.afterAll(async () => {
  await db.apiToken.deleteMany({ where: { name: { startsWith: "auth-spec-" } } });
  await db.$disconnect();
});

const expectJsonError = async (response: Response, status: number, code: string, what: string) => {
  expect(response.status, what).toBe(status);
  const text = await response.text();
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(body.error.code, what).toBe(code);
  expect(body.error.message.length, what).toBeGreaterThan(0);
  expect(text, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
};

test("every API route and /metrics refuse no token, a revoked or expired token, and a too-low scope", async ({ baseURL }) => {
  const doc = (await (await fetch(`${baseURL}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, Op>> };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, scope: op["x-wanscope-scope"] })),
  );
  expect(ops.length).toBeGreaterThanOrEqual(10);
  const targets = [
    ...ops.map((o) => ({ ...o, url: `${baseURL}/api/v1${o.path.replace(/\{[^}]+\}/g, "999999")}` })),
    { path: "/metrics", method: "get", scope: "metrics" as const, url: `${baseURL}/metrics` },
  ];
  for (const t of targets) {
    const what = `${t.method.toUpperCase()} ${t.path}`;
    const call = (token?: string) =>
      fetch(t.url, {
        method: t.method.toUpperCase(),
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
        ...(t.method === "get" ? {} : { body: "{}" }),
      });
    const none = await call();
    expect(none.headers.get("www-authenticate"), what).toMatch(/^Bearer/);
    await expectJsonError(none, 401, "unauthenticated", `${what} without a token`);
    await expectJsonError(await call(tokens.revoked), 401, "unauthenticated", `${what} with a revoked token`);
    await expectJsonError(await call(tokens.expired), 401, "unauthenticated", `${what} with an expired token`);
    if (t.scope !== "metrics")
      await expectJsonError(await call(tokens[LOWER[t.scope]]), 403, "forbidden", `${what} with a ${LOWER[t.scope]} token`);
    // The right scope reaches the route: a real answer, or its own validation / not-found, never "no such route".
    const allowed = await call(tokens[t.scope]);
    expect([200, 201, 202, 400, 404], `${what} with a ${t.scope} token`).toContain(allowed.status);
    const text = await allowed.text();
    expect(text, what).not.toContain("API route");
  }
});

test("/metrics serves the Prometheus text format to a metrics token", async ({ baseURL }) => {
  const response = await fetch(`${baseURL}/metrics`, { headers: { authorization: `Bearer ${tokens.metrics}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  const text = await response.text();
  expect(text).toContain("# TYPE wanscope_router_up gauge");
  expect(text).toContain("# TYPE wanscope_polls_total counter");
});

test("bad input gets a JSON error with the issues, unknown routes a JSON 404", async ({ baseURL }) => {
  const headers = { authorization: `Bearer ${tokens.operator}`, "content-type": "application/json" };
  const bad = await fetch(`${baseURL}/api/v1/actions`, { method: "POST", headers, body: "{not json" });
  await expectJsonError(bad, 400, "validation_failed", "malformed JSON");
  const wrong = await fetch(`${baseURL}/api/v1/actions`, {
    method: "POST",
    headers,
    body: JSON.stringify({ kind: "teleport", routerId: -1, items: [] }),
  });
  expect(wrong.status).toBe(400);
  const issues = ((await wrong.json()) as { error: { issues: string[] } }).error.issues;
  expect(issues.join("\n")).toMatch(/body\.kind/);
  expect(issues.join("\n")).toMatch(/body\.routerId/);
  await expectJsonError(await fetch(`${baseURL}/api/v1/nothing-here`, { headers }), 404, "not_found", "unknown route");
  const cursor = await fetch(`${baseURL}/api/v1/alerts?cursor=garbage`, { headers });
  await expectJsonError(cursor, 400, "validation_failed", "bad cursor");
});

test("the API docs are browsable without a CDN", async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!)) outside.push(r.url());
  });
  await page.goto("/api/docs");
  await expect(page.getByText("WANscope API").first()).toBeVisible();
  await expect(page.locator(".opblock-summary-path").filter({ hasText: "/routers/{id}/series" }).first()).toBeVisible();
  expect(outside).toEqual([]);
});
