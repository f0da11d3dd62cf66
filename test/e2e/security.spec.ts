import { expect, test } from "@playwright/test";

// The gate and CSRF at the HTTP level against the production build.

test.describe("without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("pages redirect to the login page and API routes answer 401", async ({ request }) => {
    for (const path of ["/", "/dual-listed", "/audit", "/admin/users", "/settings/alerts", "/routers/1"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      expect(response.headers().location, path).toContain("/login");
    }
    for (const [method, path] of [
      ["get", "/api/actions?ids=1"],
      ["post", "/api/actions"],
      ["get", "/api/routers/1/preview?address=10.0.0.1"],
      ["post", "/api/alerts/1/acknowledge"],
    ] as const) {
      const response = await request[method](path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(401);
    }
  });

  test("a forged session cookie is refused on the server, not just at the gate", async ({ request, baseURL }) => {
    const headers = { cookie: "wanscope_session=Fe26.2**forged", origin: baseURL! };
    // The gate lets a cookie through; the page's own check redirects (inside a streamed response, so
    // possibly as a 200 carrying the redirect) and renders none of its data.
    const page = await request.get("/audit", { headers, maxRedirects: 0 });
    if (page.status() === 200) {
      const html = await page.text();
      expect(html).toContain("/login");
      expect(html).not.toContain("audit-table");
      expect(html).not.toContain("audit-empty");
    } else {
      expect(page.headers().location).toContain("/login");
    }
    expect((await request.get("/api/actions?ids=1", { headers })).status()).toBe(401);
  });

  test("the login form rejects a wrong password without saying which part was wrong", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("admin@e2e.test");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText(/Wrong email or password/);
  });
});

test.describe("signed in as admin", () => {
  test("changes without a valid CSRF token or from another origin are refused", async ({ request, baseURL }) => {
    const body = { kind: "move", routerId: 1, items: [{ address: "10.0.0.1", targetList: "odd" }] };
    expect((await request.post("/api/actions", { headers: { origin: baseURL! }, data: body })).status()).toBe(403);
    expect((await request.post("/api/actions", { headers: { origin: baseURL!, "x-csrf-token": "wrong" }, data: body })).status()).toBe(403);
    expect((await request.post("/api/actions", { headers: { origin: "http://evil.example" }, data: body })).status()).toBe(403);
    expect((await request.post("/api/auth/logout", { headers: { origin: baseURL! }, maxRedirects: 0 })).status()).toBe(403);
    // Still signed in: the refused logout did nothing.
    expect((await request.get("/api/actions?ids=1")).status()).toBe(200);
  });

  test("with the page's token the same request passes the gate (and fails only on its content)", async ({ page, baseURL }) => {
    await page.goto("/audit");
    const token = await page.locator('form[data-testid="signed-in"] input[name="csrf"]').inputValue();
    const response = await page.request.post("/api/actions", {
      headers: { origin: baseURL!, "x-csrf-token": token },
      data: { kind: "move", routerId: 999_999, items: [{ address: "10.0.0.1", targetList: "odd" }] },
    });
    expect(response.status()).toBe(404);
    const text = await response.text();
    expect(text).not.toMatch(/prisma|stack|at .*\.ts/i);
  });
});
