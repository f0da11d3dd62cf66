import { expect, test, type Browser, type Page } from "@playwright/test";
import { encryptSecret } from "../../lib/crypto/password-box";
import { disconnectDb, getDb } from "../../lib/db/client";
import { Fleet } from "../../sim/fleet";
import { startWorkerProcess, TEST_SECRET_KEY } from "../support/worker-process";

// An admin adds a simulated router through the UI: a wrong password is reported, "Test connection"
// shows the router's version, identity and WANs, saving discovers them and the router appears on the
// fleet page and gets polled by a worker; then edit (password kept), disable, delete. A viewer or an
// operator calling the admin actions (or the client actions API) directly is refused.
test.describe.configure({ mode: "serial" });

const tag = Math.random().toString(16).slice(2, 6);
const NAME = `e2e-adm-${tag} <script>window.__pwned=1</script>`;
let fleet: Fleet;
let worker: ReturnType<typeof startWorkerProcess> | undefined;
let routerId = 0;

test.beforeAll(async () => {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  fleet = await Fleet.start({
    seed: 91,
    routers: [{ name: "adm", version: "7.19", clients: 30, listVisibilityDelayMs: 0, password: `<b>adm-${tag}</b>` }],
    serve: { basePort: 0 },
  });
  fleet.startRealTime();
  worker = startWorkerProcess({ databaseUrl: process.env.E2E_DATABASE_URL!, redisUrl: null, queuePrefix: process.env.QUEUE_PREFIX! });
});

test.afterAll(async () => {
  await worker?.stop();
  expect(worker?.output.join("\n") ?? "").not.toContain(fleet.get("adm").password);
  await getDb().router.deleteMany({ where: { name: { startsWith: `e2e-adm-${tag}` } } });
  await fleet?.close();
  await disconnectDb();
});

async function fillRouter(page: Page, password: string) {
  const sim = fleet.get("adm");
  const form = page.getByTestId("router-form");
  await form.locator('input[name="name"]').fill(NAME);
  await form.locator('input[name="host"]').fill("127.0.0.1");
  await form.locator('input[name="port"]').fill(String(sim.apiPort));
  await form.locator('input[name="username"]').fill(sim.user);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('input[name="pollIntervalSec"]').fill("2");
}

test("an admin tests the connection, adds the router, and sees it on the fleet page", async ({ page }) => {
  const sim = fleet.get("adm");
  await page.goto("/admin/routers");
  await page.getByTestId("add-router").click();
  await expect(page).toHaveURL(/\/admin\/routers\/new$/);
  // Server-side validation with field errors.
  await page.getByTestId("save-router").click();
  await expect(page.getByTestId("error-name")).toBeVisible();
  await expect(page.getByTestId("error-password")).toBeVisible();

  await fillRouter(page, "not-the-password");
  await page.getByTestId("test-connection").click();
  await expect(page.getByTestId("test-result")).toHaveAttribute("data-code", "auth_failed");

  await page.getByTestId("router-form").locator('input[name="password"]').fill(sim.password);
  await page.getByTestId("test-connection").click();
  await expect(page.getByTestId("test-result")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("test-version")).toContainText(sim.router.version());
  await expect(page.getByTestId("test-identity")).toHaveText(sim.router.identity);
  await expect(page.getByTestId("test-wan")).toHaveCount(2);
  // Testing neither saved nor cleared the form.
  expect(await getDb().router.count({ where: { name: NAME } })).toBe(0);
  await expect(page.getByTestId("router-form").locator('input[name="name"]')).toHaveValue(NAME);

  await page.getByTestId("save-router").click();
  await expect(page).toHaveURL(/\/admin\/routers\/\d+\/edit/);
  await expect(page.getByTestId("router-ok")).toContainText("discovered 2 WAN(s)");
  routerId = Number(/\/admin\/routers\/(\d+)\/edit/.exec(page.url())![1]);
  await expect(page.getByTestId("wan-edit-row")).toHaveCount(2);
  // Write-only: the password is in no page.
  expect(await page.content()).not.toContain(sim.password);
  expect(await page.getByTestId("router-form").locator('input[name="password"]').inputValue()).toBe("");

  await expect(async () => {
    await page.goto("/");
    await expect(page.locator(`[data-testid="fleet-row"][data-router="${NAME}"]`)).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });

  // The worker polls it on the schedule the save created; the name renders as text, not as a script.
  await expect(async () => {
    await page.goto("/admin/routers");
    await expect(page.locator(`[data-testid="router-admin-row"][data-id="${routerId}"] [data-testid="router-status"]`)).toHaveAttribute(
      "data-status",
      "ok",
      { timeout: 2000 },
    );
  }).toPass({ timeout: 40_000 });
  const row = page.locator(`[data-testid="router-admin-row"][data-id="${routerId}"]`);
  await expect(row.locator("td").first()).toContainText("<script>window.__pwned=1</script>");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("editing with an empty password keeps the stored one; WAN corrections stick", async ({ page }) => {
  const before = await getDb().router.findUniqueOrThrow({ where: { id: routerId } });
  await page.goto(`/admin/routers/${routerId}/edit`);
  const form = page.getByTestId("router-form");
  await form.locator('input[name="site"]').fill("lab <b>1</b>");
  await page.getByTestId("test-connection").click();
  await expect(page.getByTestId("test-result")).toHaveAttribute("data-ok", "true");
  await page.getByTestId("save-router").click();
  await expect(page.getByTestId("router-form-message")).toContainText("stored password is kept");
  const after = await getDb().router.findUniqueOrThrow({ where: { id: routerId } });
  expect(after.passwordEnc).toBe(before.passwordEnc);
  expect(after.site).toBe("lab <b>1</b>");

  const even = page.locator('[data-testid="wan-edit-row"][data-name="even"]');
  await even.getByLabel("Expected share of even").fill("0.4");
  await page.getByTestId("save-wans").click();
  await expect(page.getByTestId("router-ok")).toContainText("Saved 1 WAN correction");
  await expect(even.getByTestId("wan-source")).toHaveText("corrected");
});

test("disable stops polling and delete asks first, then removes it", async ({ page }) => {
  await page.goto("/admin/routers");
  const row = page.locator(`[data-testid="router-admin-row"][data-id="${routerId}"]`);
  await row.getByTestId("toggle-enabled").click();
  await expect(page.getByTestId("routers-ok")).toContainText("Disabled");
  expect((await getDb().router.findUniqueOrThrow({ where: { id: routerId } })).enabled).toBe(false);
  await row.getByTestId("delete-router").click();
  await expect(page.getByTestId("confirm-delete")).toBeVisible();
  expect(await getDb().router.count({ where: { id: routerId } })).toBe(1);
  await page.getByTestId("confirm-delete-button").click();
  await expect(page.getByTestId("routers-ok")).toContainText("Deleted");
  await expect(row).toHaveCount(0);
  expect(await getDb().router.count({ where: { id: routerId } })).toBe(0);
  const audit = await getDb().auditEntry.findMany({
    where: { routerId },
    select: { action: true, before: true, after: true, details: true },
  });
  expect(audit.map((a) => a.action)).toEqual(
    expect.arrayContaining(["router.create", "router.update", "router.wans_correct", "router.disable", "router.delete"]),
  );
  expect(JSON.stringify(audit)).not.toContain(fleet.get("adm").password);
});

async function signedIn(browser: Browser, role: "viewer" | "operator"): Promise<{ page: Page; csrf: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(`${role}@e2e.test`);
  await page.getByLabel("Password").fill(process.env[`E2E_${role.toUpperCase()}_PASSWORD`]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveAttribute("data-role", role);
  const csrf = await page.locator('form[data-testid="signed-in"] input[name="csrf"]').inputValue();
  return { page, csrf, close: () => context.close() };
}

test("a viewer or operator calling the admin router actions or the client actions API directly is refused", async ({
  page,
  browser,
  baseURL,
}) => {
  // A router to aim at, and the ids of the admin page's server actions (they are in its HTML).
  const sim = fleet.get("adm");
  const target = await getDb().router.create({
    data: {
      name: `e2e-adm-${tag}-target`,
      host: "127.0.0.1",
      port: sim.apiPort!,
      username: sim.user,
      passwordEnc: encryptSecret(sim.password, TEST_SECRET_KEY),
      enabled: true,
    },
  });
  const html = await (await page.request.get(`/admin/routers?delete=${target.id}`)).text();
  const actionIds = [...new Set([...html.matchAll(/name="\$ACTION_ID_([0-9a-f]+)"/g)].map((m) => m[1]!))];
  expect(actionIds.length).toBeGreaterThanOrEqual(2); // enable/disable and delete

  for (const role of ["viewer", "operator"] as const) {
    const user = await signedIn(browser, role);
    try {
      for (const actionId of actionIds) {
        const response = await user.page.request.post("/admin/routers", {
          headers: { origin: baseURL! },
          multipart: { [`$ACTION_ID_${actionId}`]: "", csrf: user.csrf, id: String(target.id), enabled: "false" },
          maxRedirects: 0,
        });
        expect(response.status(), `${role} → ${actionId}`).toBeLessThan(500);
        const location = response.headers().location ?? "";
        const body = location === "" ? await response.text() : "";
        expect(location + body, `${role} → ${actionId}`).toMatch(/not(%20|\+| )allowed/i);
      }
      // The client actions API refuses a viewer even with the page's valid CSRF token (role, not token).
      if (role === "viewer") {
        const api = await user.page.request.post("/api/actions", {
          headers: { origin: baseURL!, "x-csrf-token": user.csrf },
          data: { kind: "move", routerId: target.id, items: [{ address: "10.0.0.1", targetList: "odd" }] },
        });
        expect(api.status()).toBe(403);
      }
      await user.page.goto("/admin/routers");
      await expect(user.page.getByTestId("forbidden")).toBeVisible();
    } finally {
      await user.close();
    }
  }
  const still = await getDb().router.findUniqueOrThrow({ where: { id: target.id } });
  expect(still.enabled).toBe(true);
  expect(await getDb().auditEntry.count({ where: { routerId: target.id } })).toBe(0);
  // Control: the same request with the admin's session and token goes through.
  const toggle = [...html.matchAll(/<form[^>]*>(.*?)<\/form>/gs)]
    .map((m) => m[1]!)
    .find((f) => f.includes('name="enabled"') && f.includes(`value="${target.id}"`));
  const toggleId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(toggle ?? "")?.[1];
  expect(toggleId).toBeTruthy();
  await page.goto("/admin/routers");
  const adminCsrf = await page.locator('form[data-testid="signed-in"] input[name="csrf"]').inputValue();
  await page.request.post("/admin/routers", {
    headers: { origin: baseURL! },
    multipart: { [`$ACTION_ID_${toggleId!}`]: "", csrf: adminCsrf, id: String(target.id), enabled: "false" },
    maxRedirects: 0,
  });
  expect((await getDb().router.findUniqueOrThrow({ where: { id: target.id } })).enabled).toBe(false);
  await getDb().router.delete({ where: { id: target.id } });
});
