import { expect, test, type Page } from "@playwright/test";
import { pino } from "pino";
import { addRouter } from "../../lib/routers";
import { disconnectDb, getDb } from "../../lib/db/client";
import { pollAndStoreRouter } from "../../lib/poller";
import { RouterSessionManager } from "../../lib/routeros";
import { Fleet } from "../../sim/fleet";
import { startWorkerProcess, TEST_SECRET_KEY } from "../support/worker-process";

// Sign in through the form as an operator, resolve a dual-listed client of a real simulated router
// from the dual-listed page with a worker running, and see it resolved; a viewer sees no buttons and
// the API refuses a viewer's direct call.
test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] } });

const quiet = pino({ level: "silent" });
let fleet: Fleet;
let routerId = 0;
let worker: ReturnType<typeof startWorkerProcess> | undefined;
const sessions = new RouterSessionManager({ commandTimeoutMs: 3000, connectTimeoutMs: 3000, logger: quiet });
let dual: { address: string; lists: string[] };
const poll = () => {
  const at = new Date();
  return pollAndStoreRouter({ db: getDb(), sessions, secretKey: TEST_SECRET_KEY, routerId, at, now: at, log: quiet });
};

test.beforeAll(async () => {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  fleet = await Fleet.start({
    seed: 77,
    routers: [{ name: "act", version: "6.49", clients: 120, listVisibilityDelayMs: 60, password: "<b>e2e-secret</b>" }],
    serve: { basePort: 0 },
  });
  for (let i = 0; i < 40 && fleet.truth("act").multiListed.length === 0; i++) fleet.advance(30_000);
  dual = fleet.truth("act").multiListed[0]!;
  expect(dual).toBeTruthy();
  const sim = fleet.get("act");
  routerId = (
    await addRouter({
      db: getDb(),
      secretKey: TEST_SECRET_KEY,
      input: {
        name: `e2e-act-<i>${Math.random().toString(16).slice(2, 6)}</i>`,
        host: "127.0.0.1",
        port: sim.apiPort,
        username: sim.user,
        password: sim.password,
        pollIntervalSec: 3600,
      },
    })
  ).id;
  expect((await poll()).kind).toBe("stored");
  worker = startWorkerProcess({ databaseUrl: process.env.E2E_DATABASE_URL!, redisUrl: null, queuePrefix: process.env.QUEUE_PREFIX! });
});

test.afterAll(async () => {
  await worker?.stop();
  const output = worker?.output.join("\n") ?? "";
  expect(output).not.toContain(fleet.get("act").password);
  await sessions.closeAll();
  await fleet?.close();
  await getDb().router.deleteMany({ where: { id: routerId } });
  await disconnectDb();
});

async function signIn(page: Page, role: "operator" | "viewer") {
  await page.goto("/dual-listed");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(`${role}@e2e.test`);
  await page.getByLabel("Password").fill(process.env[`E2E_${role.toUpperCase()}_PASSWORD`]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveAttribute("data-role", role);
}

test("an operator resolves a dual-listed client from the dual-listed page", async ({ page }) => {
  await signIn(page, "operator");
  await expect(page).toHaveURL(/\/dual-listed/);
  await page.goto(`/dual-listed?q=${dual.address}`);
  const row = page.locator(`[data-testid="dual-row"][data-address="${dual.address}"]`).first();
  await expect(row).toBeVisible();
  // The router's name is untrusted: rendered as text, not markup.
  await expect(row.locator("td").first()).toContainText("<i>");
  const keep = await row.getByTestId("keep-list").inputValue();
  expect(dual.lists).toContain(keep);
  await row.getByTestId("resolve-button").click();
  await expect(row.getByTestId("action-status")).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  const lists = Object.entries(fleet.truth("act").lists)
    .filter(([, a]) => a.includes(dual.address))
    .map(([l]) => l);
  expect(lists).toEqual([keep]);
  expect((await poll()).kind).toBe("stored");
  await page.goto(`/dual-listed?q=${dual.address}`);
  await expect(page.getByTestId("dual-empty")).toBeVisible();
  await page.goto("/audit?action=client.resolve_dual");
  await expect(page.getByTestId("audit-row").first()).toContainText(dual.address);
  await expect(page.getByTestId("audit-row").first()).toHaveAttribute("data-result", "ok");
});

test("a viewer sees no action buttons and the API refuses a direct call", async ({ page, baseURL }) => {
  for (let i = 0; i < 40 && fleet.truth("act").multiListed.length === 0; i++) fleet.advance(30_000);
  await poll();
  await signIn(page, "viewer");
  await page.goto("/dual-listed");
  await expect(page.getByTestId("dual-row").first()).toBeVisible();
  await expect(page.getByTestId("resolve-button")).toHaveCount(0);
  await page.goto(`/routers/${routerId}`);
  await expect(page.getByTestId("client-row").first()).toBeVisible();
  await expect(page.getByTestId("open-actions")).toHaveCount(0);
  const response = await page.request.post("/api/actions", {
    headers: { origin: baseURL!, "content-type": "application/json" },
    data: { kind: "move", routerId, items: [{ address: dual.address, targetList: "odd" }] },
  });
  expect(response.status()).toBe(403);
  await page.goto("/admin/users");
  await expect(page.getByTestId("forbidden")).toBeVisible();
});
