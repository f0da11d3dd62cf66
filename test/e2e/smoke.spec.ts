import { expect, test } from "@playwright/test";

test("the fleet overview loads from the production build and says no router is configured", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/WANscope/);
  await expect(page.getByTestId("fleet-empty")).toContainText("No router is configured yet");
  await expect(page.getByTestId("backend-footer")).toContainText("Queue: BullMQ on");
  await page.screenshot({ path: "test-results/screenshots/fleet-empty.png", fullPage: true });
});

test("the status page names the storage and queue backends", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByTestId("status-database")).toContainText("PostgreSQL");
  await expect(page.getByTestId("status-queue")).toContainText("BullMQ on");
});
