import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { createUser } from "../../lib/auth";
import { PrismaClient } from "../../lib/db/generated/client";
import { Fleet } from "../../sim/fleet";
import { addSimRouter } from "../support/poller-harness";
import { createTestDatabase, type TestDatabase } from "../support/services";
import { startWorkerProcess, waitFor } from "../support/worker-process";
import { startNextServer } from "./next-server";
import { signIn } from "./sign-in";

// The configuration audit end to end: a simulated seed router polled by a real worker (which reads its
// configuration), the dashboard showing its findings, an admin applying a fix through the worker's job
// and seeing it verified and rolled back, an operator seeing the same findings without the apply.
test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 } });

const POLL_SEC = 3;
const prefix = `cfg${randomBytes(2).toString("hex")}`;
const routerName = `${prefix}-gw`;
// This spec's web server and worker share a queue of their own, apart from the other specs'.
const queuePrefix = `${process.env.QUEUE_PREFIX ?? "e2e"}_cfg`;
const passwords = { admin: randomBytes(12).toString("base64url"), operator: randomBytes(12).toString("base64url") };

let fleet: Fleet | undefined;
let database: TestDatabase | undefined;
let db: PrismaClient | undefined;
let web: { baseUrl: string; stop: () => Promise<void> } | undefined;
let worker: ReturnType<typeof startWorkerProcess> | undefined;
let routerId = 0;
const cookies: Record<string, string> = {};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fleet = await Fleet.start({
    seed: 1616,
    routers: [{ name: "gw", version: "6.49", clients: 60, mix: { browser: 1 }, listVisibilityDelayMs: 40 }],
    serve: { basePort: 0 },
  });
  fleet.advance(5 * 60_000);
  database = await createTestDatabase({ adminUrl: process.env.E2E_DATABASE_URL! });
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 3 }) });
  for (const role of ["admin", "operator"] as const)
    await createUser({ ctx: { db }, input: { email: `${role}@cfg.test`, name: `Config ${role}`, role, password: passwords[role] } });
  routerId = await addSimRouter({ db, fleet, name: "gw", prefix, pollIntervalSec: POLL_SEC });
  worker = startWorkerProcess({
    databaseUrl: database.url,
    redisUrl: null,
    queuePrefix,
    extraEnv: { POLL_TIMEOUT_MS: "1500" },
  });
  web = await startNextServer({ databaseUrl: database.url, name: "e2e-config-web", env: { QUEUE_PREFIX: queuePrefix } });
  for (const role of ["admin", "operator"] as const) cookies[role] = await signIn(web.baseUrl, `${role}@cfg.test`, passwords[role]);
  fleet.startRealTime();
  const store = db;
  await waitFor(
    async () =>
      (await store.configFinding.count({ where: { routerId } })) > 0 && (await store.routerSample.count({ where: { routerId } })) >= 3,
    {
      timeoutMs: 90_000,
      what: `the worker's first configuration read and three polls (worker output: ${worker.output.slice(-5).join(" | ")})`,
    },
  );
});

test.afterAll(async () => {
  await worker?.stop();
  await web?.stop();
  await fleet?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function open(page: Page, as: "admin" | "operator", path: string): Promise<void> {
  await page.context().clearCookies();
  await page
    .context()
    .addCookies([
      { name: "wanscope_session", value: cookies[as]!, domain: "127.0.0.1", path: "/", httpOnly: true, secure: false, sameSite: "Lax" },
    ]);
  await page.goto(`${web!.baseUrl}${path}`);
}

const finding = (page: Page, code: string) => page.locator(`[data-testid="finding"][data-code="${code}"]`);

test("the Configuration tab shows the seed's findings with their rules, measured evidence and fix scripts", async ({ page }) => {
  await open(page, "admin", `/routers/${routerId}`);
  await page.getByTestId("tab-configuration").click();
  await expect(page).toHaveURL(new RegExp(`/routers/${routerId}/configuration$`));
  for (const code of ["nth-skew", "dual-listing-risk", "route-no-check-gateway", "route-no-fallback"])
    await expect(finding(page, code)).toBeVisible();
  const nth = finding(page, "nth-skew");
  await expect(nth.getByTestId("severity")).toHaveText("critical");
  await expect(nth.getByTestId("finding-rules")).toContainText("rule #7 (*8)");
  await expect(nth.getByTestId("finding-rules")).toContainText("nth=2,2");
  await expect(nth.getByTestId("evidence-value").first()).toHaveText("odd 50%, even 25%, unmarked 25%");
  await expect(nth.locator('[data-testid="fix"][data-option="minimal"] [data-testid="fix-script"]')).toHaveText(
    "/ip firewall mangle\nset *8 nth=1,1",
  );
  await expect(nth.locator('[data-testid="fix"][data-option="convert-pcc"]')).toBeVisible();
  await expect(finding(page, "dual-listing-risk")).toContainText("src-address");
  await page.screenshot({ path: "test-results/screenshots/router-configuration.png", fullPage: true });
});

test("an admin applies a fix, sees it verified, and rolls it back", async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, "admin", `/routers/${routerId}/configuration`);
  const fix = finding(page, "route-no-check-gateway").locator('[data-testid="fix"][data-option="minimal"]');
  await expect(fix.getByTestId("fix-script")).toContainText("check-gateway=ping");
  await expect(fix.getByTestId("fix-prediction")).toContainText("no longer finds route-no-check-gateway");
  await fix.getByTestId("apply-confirm").check();
  await fix.getByTestId("apply-fix").click();
  await expect(page).toHaveURL(new RegExp(`/routers/${routerId}/configuration/fixes/\\d+$`));
  await expect(page.getByTestId("fix-status")).toHaveAttribute("data-status", "applied", { timeout: 45_000 });
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-state", "kept");
  await expect(page.getByTestId("verdict-summary")).toContainText("Verified by the read-back");
  const steps = page.getByTestId("fix-step");
  await expect(steps.first()).toHaveAttribute("data-action", "config.fix_requested");
  await expect(page.locator('[data-testid="fix-step"][data-action="config.fix_applied"]')).toBeVisible();
  await expect(page.getByTestId("fix-changes")).toContainText("check-gateway=ping");
  await page.screenshot({ path: "test-results/screenshots/config-fix-applied.png", fullPage: true });
  const truth = fleet!.truth("gw").routes.filter((r) => r.dst === "0.0.0.0/0");
  expect(truth).toHaveLength(3);
  expect(fleet!.exportConfig("gw")).toMatch(/check-gateway=ping[\s\S]*check-gateway=ping[\s\S]*check-gateway=ping/);

  await page.getByTestId("rollback").click();
  await expect(page.getByTestId("fix-status")).toHaveAttribute("data-status", "rolled_back", { timeout: 45_000 });
  expect(fleet!.exportConfig("gw")).not.toContain("check-gateway");
  await expect(page.locator('[data-testid="fix-step"][data-action="config.rolled_back"]')).toBeVisible();
});

test("an operator sees the findings but cannot apply a fix", async ({ page }) => {
  await open(page, "operator", `/routers/${routerId}/configuration`);
  await expect(finding(page, "nth-skew")).toBeVisible();
  await expect(page.getByTestId("apply-form")).toHaveCount(0);
  await expect(page.getByTestId("apply-unavailable").first()).toHaveText("Only admins can apply fixes.");
  // Nor by posting the form by hand: the server refuses an operator.
  const response = await page.request.post(`${web!.baseUrl}/api/routers/${routerId}/config-fixes`, {
    headers: { origin: web!.baseUrl, "content-type": "application/json", "x-csrf-token": "whatever" },
    data: { code: "nth-skew", subject: "", option: "minimal", fingerprint: "0".repeat(64), confirm: "yes" },
  });
  expect(response.status()).toBe(403);
  expect(await db!.configFix.count({ where: { routerId, findingCode: "nth-skew" } })).toBe(0);
});

test("the fleet view lists the router with its findings, worst first", async ({ page }) => {
  await open(page, "operator", "/configuration");
  const row = page.locator(`[data-testid="config-fleet-row"][data-router="${routerName}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator('td[data-code="nth-skew"] [data-testid="severity"]')).toHaveText("critical");
  await expect(row.getByTestId("finding-count")).toHaveText("4");
  await page.screenshot({ path: "test-results/screenshots/config-fleet.png", fullPage: true });
  await page.getByRole("link", { name: "dual-listing-risk" }).first().click();
  await expect(page).toHaveURL(/sort=dual-listing-risk/);
  await expect(row).toBeVisible();
});
