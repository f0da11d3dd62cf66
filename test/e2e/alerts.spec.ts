import { expect, test } from "@playwright/test";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { disconnectDb, getDb } from "../../lib/db/client";

// The alerts pages against the production build: an alert made the way the evaluator makes it is
// listed and acknowledged from the list; settings forms show field errors; a test notification
// reaches a receiver on 127.0.0.1.
const suffix = Math.random().toString(16).slice(2, 8);
let routerId = 0;
let receiver: Server;
let receiverUrl = "";
const received: string[] = [];

test.beforeAll(async () => {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  const db = getDb();
  const router = await db.router.create({
    data: { name: `e2e-alerts-${suffix}`, host: "127.0.0.1", username: "x", passwordEnc: "v1:x:x:x", status: "ok" },
  });
  routerId = router.id;
  const at = new Date();
  const alert = await db.alert.create({
    data: {
      routerId,
      rule: "gateway_down",
      subject: "odd",
      openKey: `${routerId}:gateway_down:odd`,
      state: "firing",
      severity: "critical",
      message: "WAN odd: default route inactive",
      firedAt: at,
    },
  });
  await db.alertEvent.create({ data: { alertId: alert.id, kind: "fired", at } });
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push(body);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

test.afterAll(async () => {
  const db = getDb();
  await db.notificationChannel.deleteMany({ where: { name: { startsWith: `e2e-${suffix}` } } });
  await db.router.deleteMany({ where: { id: routerId } });
  await disconnectDb();
  receiver?.close();
});

test("badges show a router's open alert on the fleet overview and on its page", async ({ page }) => {
  await page.goto(`/?q=e2e-alerts-${suffix}`);
  const row = page.locator(`[data-testid="fleet-row"][data-router="e2e-alerts-${suffix}"]`);
  await expect(row.getByTestId("alert-badge")).toHaveAttribute("data-firing", "1");
  await expect(row.getByTestId("alert-badge")).toHaveAttribute("href", `/alerts?router=${routerId}`);
  // The header badge counts the whole fleet (other specs' alerts included), so at least this one.
  const total = Number(await page.locator("h1 + [data-testid=alert-badge]").getAttribute("data-firing"));
  expect(total).toBeGreaterThanOrEqual(1);
  await page.goto(`/routers/${routerId}`);
  await expect(page.locator(".panel").first().getByTestId("alert-badge")).toHaveAttribute("data-firing", "1");
  const alerts = page.getByTestId("router-alerts");
  await expect(alerts.locator('[data-testid="router-alert"][data-rule="gateway_down"]')).toContainText("WAN odd: default route inactive");
  await expect(alerts.getByTestId("ack-button")).toHaveCount(1);
});

test("open alerts are listed and acknowledged from the list", async ({ page }) => {
  await page.goto(`/alerts?router=${routerId}`);
  const row = page.locator(`[data-testid="alert-row"][data-router="e2e-alerts-${suffix}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-state", "firing");
  await expect(row).toContainText("Gateway down");
  await page.screenshot({ path: "test-results/screenshots/alerts.png", fullPage: true });
  await row.getByTestId("ack-button").click();
  await expect(page).toHaveURL(new RegExp(`/alerts\\?router=${routerId}`));
  await expect(row).toHaveAttribute("data-state", "acknowledged");
  await page.goto(`/alerts?router=${routerId}&state=resolved`);
  await expect(page.getByTestId("alerts-empty")).toBeVisible();
  const alert = await getDb().alert.findFirstOrThrow({ where: { routerId } });
  expect(alert.state).toBe("acknowledged");
  expect(alert.acknowledgedAt).not.toBeNull();
});

test("settings: bad input shows field errors; a channel is added and its test notification arrives", async ({ page }) => {
  await page.goto("/settings/alerts");
  await expect(page.getByTestId("rules-table")).toContainText("Imbalance");
  const ruleForm = page.getByTestId("rule-form");
  await ruleForm.locator('input[name="threshold"]').fill("15");
  await ruleForm.getByRole("button", { name: "Save rule" }).click();
  await expect(ruleForm.getByTestId("error-threshold")).toContainText("share between");

  const channelForm = page.getByTestId("channel-form");
  await channelForm.locator('input[name="name"]').fill(`e2e-${suffix}-hook`);
  await channelForm.locator('input[name="target"]').fill("ftp://nope");
  await channelForm.getByRole("button", { name: "Add channel" }).click();
  await expect(channelForm.getByTestId("error-target")).toContainText("http");
  await channelForm.locator('input[name="target"]').fill(receiverUrl);
  await channelForm.getByRole("button", { name: "Add channel" }).click();
  await expect(channelForm.getByTestId("channel-form-message")).toContainText("Channel saved");

  const channelRow = page.locator(`[data-testid="channel-row"][data-name="e2e-${suffix}-hook"]`);
  await expect(channelRow).toHaveCount(1);
  await channelRow.getByRole("button", { name: "Send test notification" }).click();
  await expect(channelRow.getByRole("status")).toContainText("delivered");
  expect(received).toHaveLength(1);
  expect(JSON.parse(received[0]!)).toMatchObject({ type: "wanscope.alerts", test: true });
  await page.screenshot({ path: "test-results/screenshots/alert-settings.png", fullPage: true });
});

test("settings: a silence records who added it; reset, end and delete forms answer a bad id with a message, not a crash", async ({
  page,
}) => {
  await page.goto("/settings/alerts");
  const silenceForm = page.getByTestId("silence-form");
  await silenceForm.locator('select[name="routerId"]').selectOption(String(routerId));
  await silenceForm.locator('input[name="reason"]').fill(`e2e-${suffix} maintenance`);
  await silenceForm.getByRole("button", { name: "Add silence" }).click();
  await expect(silenceForm.getByTestId("silence-form-message")).toContainText("Silence added");
  const row = page.locator('[data-testid="silence-row"]', { hasText: `e2e-${suffix} maintenance` });
  await expect(row.getByTestId("silence-by")).toHaveText("admin@e2e.test");
  const admin = await getDb().user.findUniqueOrThrow({ where: { email: "admin@e2e.test" } });
  const silence = await getDb().silence.findFirstOrThrow({ where: { reason: `e2e-${suffix} maintenance` } });
  expect(silence.createdBy).toBe(admin.id);

  // An id no row can have (past Postgres' int range) used to reach the database and crash the action.
  const end = row.locator("form");
  await end.locator('input[name="id"]').evaluate((input: HTMLInputElement) => (input.value = "99999999999"));
  await end.getByRole("button", { name: "End now" }).click();
  await expect(end.getByRole("status")).toHaveText("Unknown silence.");
  // A silence that is already gone is said so, too.
  await end
    .locator('input[name="id"]')
    .evaluate((input: HTMLInputElement, id: string) => (input.value = id), String(silence.id + 1_000_000));
  await end.getByRole("button", { name: "End now" }).click();
  await expect(end.getByRole("status")).toHaveText("That silence had already ended.");
  await getDb().silence.delete({ where: { id: silence.id } });
});
