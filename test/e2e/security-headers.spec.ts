import { expect, test, type APIResponse } from "@playwright/test";

// Security headers on a page, an API route and an error page of the production build; the page's
// inline scripts carry the response's CSP nonce and run (no CSP violation, the page hydrates).
function expectSecurityHeaders(response: APIResponse, what: string): string {
  const h = response.headers();
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  const csp = h["content-security-policy"] ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain("unsafe-eval");
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, what).toBeTruthy();
  expect(h["strict-transport-security"], `${what} over plain HTTP`).toBeUndefined();
  return nonce!;
}

test("a page, an API route and an error page carry the security headers; scripts carry the nonce", async ({ request }) => {
  const page = await request.get("/");
  expect(page.status()).toBe(200);
  const nonce = expectSecurityHeaders(page, "page");
  const html = await page.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  expect(expectSecurityHeaders(await request.get("/"), "second page")).not.toBe(nonce);

  const api = await request.get("/api/actions?ids=1");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api, "API route");

  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing, "error page");
});

test("HSTS only when the request came over HTTPS", async ({ request }) => {
  const overTls = await request.get("/api/actions?ids=1", { headers: { "x-forwarded-proto": "https" } });
  expect(overTls.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
});

test.describe("without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("the login page and the gate's own answers carry them too", async ({ request }) => {
    expectSecurityHeaders(await request.get("/login"), "login page");
    expectSecurityHeaders(await request.get("/api/actions?ids=1"), "401 from the gate");
    expectSecurityHeaders(await request.get("/audit", { maxRedirects: 0 }), "redirect to the login page");
  });
});

test("in a browser the CSP blocks nothing of the app's own and the page hydrates", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/alerts");
  await expect(page.locator("h1").first()).toBeVisible();
  // A client component works only if its scripts ran.
  await page.getByRole("button", { name: /theme/i }).first().click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", /light|dark/);
  expect(violations).toEqual([]);
});
