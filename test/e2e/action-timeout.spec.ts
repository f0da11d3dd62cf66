import { expect, test } from "@playwright/test";
import { disconnectDb, getDb } from "../../lib/db/client";

// With no worker running, an operator's move stays queued: the page stops asking after its timeout
// and says what that means, instead of polling with no end. The browser's clock is driven forward.
const suffix = Math.random().toString(16).slice(2, 8);
const address = "192.168.0.40";
let routerId = 0;

test.beforeAll(async () => {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  const db = getDb();
  const router = await db.router.create({
    data: {
      name: `e2e-timeout-${suffix}`,
      host: "127.0.0.1",
      port: 1,
      username: "x",
      passwordEnc: "v1:x:x:x",
      status: "ok",
      wans: {
        create: [
          { name: "odd", interface: "wlan2", addressList: "odd", position: 0 },
          { name: "even", interface: "wlan1", addressList: "even", position: 1 },
        ],
      },
    },
  });
  routerId = router.id;
  const at = new Date();
  await db.client.create({ data: { routerId, address, lists: ["odd"], firstSeenAt: at, lastChangeAt: at } });
});

test.afterAll(async () => {
  await getDb().router.deleteMany({ where: { id: routerId } });
  await disconnectDb();
});

test("a move no worker takes ends in a timeout message, and the action stays queued", async ({ page }) => {
  await page.clock.install();
  await page.goto(`/routers/${routerId}/clients/${address}`);
  await page.getByTestId("target-list").selectOption("even");
  await page.getByTestId("move-button").click();
  const status = page.getByTestId("action-status");
  await expect(status).toHaveAttribute("data-status", "pending");
  await page.clock.fastForward("02:01");
  await expect(status).toHaveAttribute("data-status", "timed_out");
  await expect(page.getByTestId("action-timeout")).toContainText("No result after 2 minutes");
  const action = await getDb().clientAction.findFirstOrThrow({ where: { routerId } });
  expect(action.status).toBe("pending");
});
