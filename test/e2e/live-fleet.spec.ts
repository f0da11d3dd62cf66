import { copyFileSync, mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { createUser } from "../../lib/auth";
import { PrismaClient } from "../../lib/db/generated/client";
import { Fleet } from "../../sim/fleet";
import type { GroundTruth } from "../../sim/model/ground-truth";
import { addSimRouter } from "../support/poller-harness";
import { createTestDatabase, type TestDatabase } from "../support/services";
import { startWorkerProcess, waitFor } from "../support/worker-process";
import { startNextServer } from "./next-server";
import { signIn } from "./sign-in";

// The dashboard against a simulated fleet with a real worker polling it, end to end: the numbers a
// page shows for a router equal what the simulator reports for it. This spec has a database, a web
// server and a worker of its own, so its worker never polls the other specs' factory routers (whose
// hosts do not exist) and their data never shows up here. Screenshots: test-results/screenshots/,
// and with E2E_DOCS_SCREENSHOTS=1 the two README images in docs/screenshots/.
test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 } });

const ROUTERS = [
  { name: "hq-core", version: "6.49", clients: 90 },
  { name: "branch-v7", version: "7.19", clients: 60 },
  { name: "edge-lab", version: "6.49", clients: 30 },
] as const;
const POLL_SEC = 3;
const prefix = `live${randomBytes(2).toString("hex")}`;
const shotsDir = "test-results/screenshots";
const docsShots = ["fleet-overview-live.png", "router-detail-live.png"];

let fleet: Fleet | undefined;
let database: TestDatabase | undefined;
let db: PrismaClient | undefined;
let web: { baseUrl: string; stop: () => Promise<void> } | undefined;
let worker: ReturnType<typeof startWorkerProcess> | undefined;
let sessionCookie = "";
const ids = new Map<string, number>();

const nameOf = (sim: string) => `${prefix}-${sim}`;
const idOf = (sim: string) => ids.get(sim) ?? 0;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fleet = await Fleet.start({
    seed: 4242,
    routers: ROUTERS.map((r) => ({ name: r.name, version: r.version, clients: r.clients, mix: { browser: 1 }, listVisibilityDelayMs: 40 })),
    serve: { basePort: 0 },
  });
  // Run the traffic until the list race has dual-listed a client on the first router (seconds of CPU, not of waiting).
  for (let i = 0; i < 60 && fleet.truth("hq-core").multiListed.length === 0; i++) fleet.advance(30_000);
  expect(fleet.truth("hq-core").multiListed.length, "the simulator dual-lists a client").toBeGreaterThan(0);

  database = await createTestDatabase({ adminUrl: process.env.E2E_DATABASE_URL! });
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 3 }) });
  const password = randomBytes(12).toString("base64url");
  await createUser({ ctx: { db }, input: { email: "admin@live.test", name: "Live admin", role: "admin", password } });
  for (const r of ROUTERS) ids.set(r.name, await addSimRouter({ db, fleet, name: r.name, prefix, pollIntervalSec: POLL_SEC }));

  worker = startWorkerProcess({
    databaseUrl: database.url,
    redisUrl: null,
    queuePrefix: `${process.env.QUEUE_PREFIX ?? "e2e"}_live`,
    extraEnv: { POLL_TIMEOUT_MS: "1500" },
  });
  web = await startNextServer({ databaseUrl: database.url, name: "e2e-live-web" });
  sessionCookie = await signIn(web.baseUrl, "admin@live.test", password);
  fleet.startRealTime();

  // Every router polled a few times, so the charts have lines to draw.
  const store = db;
  await waitFor(
    async () => {
      const counts = await Promise.all(ROUTERS.map((r) => store.routerSample.count({ where: { routerId: idOf(r.name) } })));
      return counts.every((n) => n >= 3);
    },
    { timeoutMs: 90_000, what: `three polls of each simulated router (worker output: ${worker.output.slice(-5).join(" | ")})` },
  );
});

test.afterAll(async () => {
  await worker?.stop();
  await web?.stop();
  await fleet?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function open(page: Page, path: string): Promise<void> {
  if ((await page.context().cookies()).length === 0) {
    await page
      .context()
      .addCookies([
        { name: "wanscope_session", value: sessionCookie, domain: "127.0.0.1", path: "/", httpOnly: true, secure: false, sameSite: "Lax" },
      ]);
  }
  await page.goto(`${web!.baseUrl}${path}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shotsDir}/${name}`, fullPage: true });
  // Copied at once rather than at the end, so a later failure cannot leave the README's images half updated.
  if (process.env.E2E_DOCS_SCREENSHOTS === "1" && docsShots.includes(name)) {
    mkdirSync("docs/screenshots", { recursive: true });
    copyFileSync(`${shotsDir}/${name}`, `docs/screenshots/${name}`);
  }
}

async function expectChartDrawn(page: Page, testId: string): Promise<void> {
  const curves = page.locator(`[data-testid="${testId}"] svg path.recharts-curve`);
  await expect(curves.first()).toBeAttached();
  expect(await curves.first().getAttribute("d")).toMatch(/^M[\d.]/);
}

const int = (text: string | null): number => Number((text ?? "").replace(/[^\d]/g, ""));

/** "even 3 · odd 5" or "even 3, odd 5" → { even: 3, odd: 5 } */
function parseListCounts(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/([A-Za-z0-9_.-]+) ([\d,]+)/g)) out[m[1]!] = int(m[2]!);
  return out;
}

function truthListCounts(truth: GroundTruth, lists: string[]): Record<string, number> {
  return Object.fromEntries(lists.map((l) => [l, truth.lists[l]?.length ?? 0]));
}

async function ddAfter(card: Locator, label: string): Promise<string> {
  return (await card.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]").textContent()) ?? "";
}

test("the fleet overview lists every simulated router as ok with its shares, lists and alerts", async ({ page }) => {
  await open(page, `/?q=${prefix}`);
  for (const r of ROUTERS) {
    const row = page.locator(`[data-testid="fleet-row"][data-router="${nameOf(r.name)}"]`);
    await expect(row.getByTestId("health")).toHaveText("ok");
    await expect(row.getByTestId("list-counts")).toContainText("odd");
    await expect(row.getByTestId("alert-badge")).toBeVisible();
    await expect(row.locator(".sharebar").first()).toBeVisible();
  }
  await expect(page.getByTestId("fleet-summary")).toContainText(`${ROUTERS.length} routers`);
  await expect(page.getByTestId("read-at")).toBeVisible();
  await shoot(page, "fleet-overview-live.png");
});

test("with the simulator's clock stopped, each router page shows exactly what the simulator reports", async ({ page }) => {
  test.setTimeout(90_000);
  // The README's router page, taken while traffic flows.
  await open(page, `/routers/${idOf("hq-core")}`);
  await expectChartDrawn(page, "chart-throughput");
  await shoot(page, "router-detail-live.png");
  fleet!.stopRealTime();
  const stoppedAt = new Date();
  const store = db!;
  // A poll that began after the stop read the frozen state (a sample's time is never after its poll began).
  await waitFor(
    async () => {
      const fresh = await Promise.all(
        ROUTERS.map((r) => store.routerSample.count({ where: { routerId: idOf(r.name), ts: { gt: stoppedAt } } })),
      );
      return fresh.every((n) => n >= 1);
    },
    { timeoutMs: 30_000, what: "a poll of each router after the clock stopped" },
  );
  try {
    for (const r of ROUTERS) {
      const truth = fleet!.truth(r.name);
      await open(page, `/routers/${idOf(r.name)}`);
      await expect(page.getByTestId("router-name")).toHaveText(nameOf(r.name));
      const cards = page.getByTestId("wan-card");
      await expect(cards).toHaveCount(2);
      const lists: string[] = [];
      let marked = 0;
      for (const card of await cards.all()) {
        const [list, mark] = (await ddAfter(card, "List · mark")).split(" · ").map((s) => s.trim());
        expect(mark, `${r.name}: a WAN with a connection mark`).toBeTruthy();
        lists.push(list!);
        const expected = truth.connections.byMark[mark!] ?? 0;
        marked += expected;
        expect(int(await card.getByTestId("wan-connections").textContent()), `${r.name} ${mark} connections`).toBe(expected);
      }
      expect(int(await page.getByTestId("unmarked-connections").textContent()), `${r.name} unmarked`).toBe(
        truth.connections.total - marked,
      );
      const totals = (await page.getByTestId("router-totals").textContent()) ?? "";
      expect(int(totals.split(" connections")[0]!), `${r.name} connections`).toBe(truth.connections.total);
      expect(parseListCounts(totals.slice(totals.indexOf("(") + 1, totals.indexOf(")"))), `${r.name} clients per list`).toEqual(
        truthListCounts(truth, lists),
      );
      expect(int(await page.getByTestId("router-dual").textContent()), `${r.name} dual-listed`).toBe(truth.multiListed.length);
      for (const chart of ["chart-throughput", "chart-connections", "chart-share"]) await expectChartDrawn(page, chart);
      await expect(page.getByTestId("router-alerts")).toBeVisible();
      await expect(page.getByTestId("alert-badge")).toBeVisible();

      await open(page, `/?q=${nameOf(r.name)}`);
      const row = page.locator(`[data-testid="fleet-row"][data-router="${nameOf(r.name)}"]`);
      expect(int(await row.getByTestId("dual-count").textContent()), `${r.name} fleet dual-listed`).toBe(truth.multiListed.length);
      expect(parseListCounts((await row.getByTestId("list-counts").textContent()) ?? ""), `${r.name} fleet lists`).toEqual(
        truthListCounts(truth, lists),
      );
      // The cell's first text node is the total; the unmarked count follows in its own line.
      const connections = await row.getByTestId("connections").evaluate((el) => el.firstChild?.textContent ?? "");
      expect(int(connections), `${r.name} fleet connections`).toBe(truth.connections.total);
    }
  } finally {
    fleet!.startRealTime();
  }
});

test("a client the simulator dual-listed appears on the dual-listed page and in client search", async ({ page }) => {
  const dual = fleet!.truth("hq-core").multiListed[0]!;
  await open(page, `/dual-listed?q=${dual.address}`);
  const row = page.locator(`[data-testid="dual-row"][data-address="${dual.address}"][data-router="${nameOf("hq-core")}"]`);
  await expect(row).toBeVisible();
  for (const list of dual.lists) await expect(row).toContainText(list);
  await shoot(page, "dual-listed-live.png");
  await open(page, `/clients?q=${dual.address}`);
  await expect(page.locator(`[data-testid="search-row"][data-address="${dual.address}"]`).first()).toBeVisible();
  for (const path of ["/alerts", "/audit", "/status", "/settings/alerts", "/admin/users"]) {
    await open(page, path);
    await expect(page.locator("main h1").first()).toBeVisible();
    await expect(page.getByTestId("forbidden")).toHaveCount(0);
  }
});

test("a router made unreachable shows as unreachable since when, with the error", async ({ page }) => {
  test.setTimeout(60_000);
  fleet!.fault("edge-lab", { unreachable: true });
  const id = idOf("edge-lab");
  await expect(async () => {
    await open(page, `/routers/${id}`);
    await expect(page.getByTestId("router-banner")).toHaveAttribute("data-health", "unreachable", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const banner = page.getByTestId("router-banner");
  await expect(banner).toContainText(`${nameOf("edge-lab")} is unreachable since`);
  await expect(banner.getByTestId("router-last-error")).not.toBeEmpty();
  await shoot(page, "router-unreachable-live.png");
  await open(page, `/?q=${prefix}`);
  await expect(page.locator(`[data-testid="fleet-row"][data-router="${nameOf("edge-lab")}"]`).getByTestId("health")).toHaveText(
    "unreachable",
  );
  await expect(page.locator(`[data-testid="fleet-row"][data-router="${nameOf("hq-core")}"]`).getByTestId("health")).toHaveText("ok");
});
