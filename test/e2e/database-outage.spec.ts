import { expect, test } from "@playwright/test";
import { startTcpProxy } from "../support/tcp-proxy";
import { startNextServer } from "./next-server";

// A web server whose Postgres goes away and comes back (a relay in front of the test database stands
// in for the restart): pages, /status included, say the database is unreachable and retry, never a
// bare "Internal error", and the page comes back by itself once the database answers.
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let web: Awaited<ReturnType<typeof startNextServer>>;

test.beforeAll(async () => {
  const target = new URL(process.env.E2E_DATABASE_URL!);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(target);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  web = await startNextServer({ databaseUrl: proxied.toString(), name: "e2e-outage-web" });
});

test.afterAll(async () => {
  await web?.stop();
  await proxy?.close();
});

test("while Postgres is down pages say so and retry; they come back on their own", async ({ page, request }) => {
  // Signed in as the e2e admin: the cookie is per host, and this server shares the database and key.
  await page.goto(`${web.baseUrl}/status`);
  await expect(page.getByTestId("status-database")).toBeVisible();

  await proxy.down();
  expect((await request.get(`${web.baseUrl}/api/health`)).status()).toBe(503);
  for (const path of ["/status", "/"]) {
    await page.goto(`${web.baseUrl}${path}`);
    await expect(page.getByTestId("database-unavailable"), path).toContainText("The database is unreachable");
    await expect(page.locator("body"), path).not.toContainText("Internal error");
  }
  await expect(page.getByTestId("database-retries")).toContainText("checked", { timeout: 20_000 });

  await proxy.up();
  // The page asks every 5 s and reloads itself once the database answers.
  await expect(page.getByTestId("database-unavailable")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("backend-footer")).toBeVisible();
});
