import { copyFileSync, mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { dashboardDataSource, type DashboardExpectations } from "./data-source";

// The dashboard against a production build, with data from a pluggable source (test/e2e/data-source.ts).
// Screenshots land in test-results/screenshots/; E2E_DOCS_SCREENSHOTS=1 also copies them to docs/screenshots/.

const source = dashboardDataSource();
let data: DashboardExpectations;
const shots: string[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  data = await source.prepare();
});

test.afterAll(async () => {
  await source.dispose();
  if (process.env.E2E_DOCS_SCREENSHOTS === "1") {
    mkdirSync("docs/screenshots", { recursive: true });
    for (const name of shots) copyFileSync(`test-results/screenshots/${name}`, `docs/screenshots/${name}`);
  }
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}`, fullPage: true });
  shots.push(name);
}

async function expectChartDrawn(page: Page, testId: string): Promise<void> {
  const curves = page.locator(`[data-testid="${testId}"] svg path.recharts-curve`);
  await expect(curves.first()).toBeAttached();
  expect(await curves.first().getAttribute("d")).toMatch(/^M[\d.]/);
}

test("the fleet overview shows each router with its status, shares and the numbers stored for it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/?q=${encodeURIComponent(data.ok.name.replace(/-gw-ok$/, ""))}`);
  const ok = page.locator(`[data-testid="fleet-row"][data-router="${data.ok.name}"]`);
  await expect(ok.getByTestId("health")).toHaveText("ok");
  await expect(ok.getByTestId("connections")).toContainText(data.ok.connectionsTotal.toLocaleString("en-US"));
  await expect(ok.getByTestId("dual-count")).toHaveText(String(data.ok.dualListed));
  await expect(ok.getByTestId("list-counts")).toHaveText(data.ok.listCounts);
  await expect(ok.getByTestId("imbalance")).toHaveAttribute("data-level", "imbalanced");
  await expect(ok.getByRole("img", { name: /Connections: odd 75% \(expected 50%\)/ })).toBeVisible();
  const down = page.locator(`[data-testid="fleet-row"][data-router="${data.down.name}"]`);
  await expect(down.getByTestId("health")).toHaveText("unreachable");
  await expect(down).toContainText(data.down.lastError);
  await expect(page.locator(`[data-testid="fleet-row"][data-router="${data.stale.name}"]`).getByTestId("health")).toHaveText("stale");
  await expect(page.getByTestId("read-at")).toBeVisible();
  await shoot(page, "fleet-overview.png");
});

test("fleet filters live in the URL and bad parameters get a clear message", async ({ page }) => {
  const prefix = data.ok.name.replace(/-gw-ok$/, "");
  await page.goto(`/?q=${prefix}&status=unreachable`);
  await expect(page.getByTestId("fleet-row")).toHaveCount(1);
  await expect(page.getByTestId("fleet-row")).toHaveAttribute("data-router", data.down.name);
  await page.goto(`/?q=${data.dual.address}`);
  await expect(page.locator(`[data-testid="fleet-row"][data-router="${data.ok.name}"]`)).toBeVisible();
  await page.goto("/?status=broken&page=zero");
  await expect(page.getByTestId("bad-params")).toContainText("status");
  await expect(page.getByTestId("bad-params")).toContainText("page");
});

test("a router page shows WAN cards, draws its charts and explains the nth split", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/routers/${data.ok.id}`);
  await expect(page.getByTestId("router-name")).toHaveText(data.ok.name);
  for (const wan of data.ok.wans) {
    const card = page.locator(`[data-testid="wan-card"][data-wan="${wan.name}"]`);
    await expect(card.getByTestId("wan-connections")).toHaveText(wan.connections.toLocaleString("en-US"));
    await expect(card.getByTestId("wan-share")).toHaveText(wan.share);
    await expect(card.getByTestId("wan-rx")).toHaveText(wan.rx);
  }
  await expect(page.getByTestId("unmarked-connections")).toHaveText(data.ok.unmarked.toLocaleString("en-US"));
  for (const chart of ["chart-throughput", "chart-connections", "chart-share", "chart-new-split"]) await expectChartDrawn(page, chart);
  await expect(page.getByTestId("gateway-strip").first()).toBeVisible();
  await expect(page.getByTestId("new-split-summary")).toContainText(data.ok.newSplit);
  await expect(page.getByTestId("nth-explanation")).toContainText("25%");
  await expect(page.getByTestId("series-source")).toContainText("raw samples");
  await expect(page.locator(`[data-testid="client-row"][data-address="${data.dual.address}"]`).getByTestId("dual-flag")).toBeVisible();
  await shoot(page, "router-detail-1h.png");
  await page.getByRole("link", { name: "30d", exact: true }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByTestId("series-source")).toContainText("per-hour rollups");
  await expectChartDrawn(page, "chart-share");
  await shoot(page, "router-detail-30d.png");
});

test("an unreachable router says since when and why", async ({ page }) => {
  await page.goto(`/routers/${data.down.id}`);
  const banner = page.getByTestId("router-banner");
  await expect(banner).toHaveAttribute("data-health", "unreachable");
  // Today shows the time only; an hour ago can be yesterday (a run just after midnight UTC).
  await expect(banner).toContainText(/unreachable since (\d{4}-\d\d-\d\d )?\d\d:\d\d/);
  await expect(banner.getByTestId("router-last-error")).toHaveText(data.down.lastError);
  await shoot(page, "router-unreachable.png");
});

test("the dual-listed page lists the dual-listed client with a link to its page", async ({ page }) => {
  await page.goto(`/dual-listed?q=${data.dual.address}`);
  const row = page.locator(`[data-testid="dual-row"][data-address="${data.dual.address}"][data-router="${data.dual.routerName}"]`);
  await expect(row).toContainText(data.dual.lists.join(" + "));
  await shoot(page, "dual-listed.png");
  await row.getByRole("link", { name: "Open client" }).click();
  await expect(page.getByTestId("client-address")).toHaveText(data.dual.address);
  await expect(page.getByTestId("dual-flag")).toBeVisible();
  await expect(page.locator('[data-testid="client-timeline"] li[data-kind="dual_listed"]')).toHaveCount(1);
  await shoot(page, "client-history.png");
});

test("client search finds a client across the fleet by prefix", async ({ page }) => {
  await page.goto("/clients");
  await page.getByRole("searchbox").fill(data.dual.address.split(".").slice(0, 3).join(".") + ".");
  await page.keyboard.press("Enter");
  await expect(page.locator(`[data-testid="search-row"][data-address="${data.dual.address}"]`).first()).toBeVisible();
  await page.goto("/clients?q=not-an-ip");
  await expect(page.getByTestId("search-invalid")).toBeVisible();
});

test("the theme toggle switches and persists, and the skip link is the first tab stop", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const toggle = page.getByTestId("theme-toggle");
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.goto(`/routers/${data.ok.id}`);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectChartDrawn(page, "chart-throughput");
  await page.setViewportSize({ width: 1440, height: 900 });
  await shoot(page, "router-detail-dark.png");
});

test("pages refresh as polls land, without a reload", async ({ page }) => {
  await page.goto(`/?q=${encodeURIComponent(data.stale.name)}`);
  const row = page.locator(`[data-testid="fleet-row"][data-router="${data.stale.name}"]`);
  await expect(row.getByTestId("health")).toHaveText("stale");
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const landed = await source.landPoll();
  await expect(row.getByTestId("dual-count")).toHaveText(String(landed.dualListed), { timeout: 25_000 });
  await expect(row.getByTestId("health")).toHaveText("ok");
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});
