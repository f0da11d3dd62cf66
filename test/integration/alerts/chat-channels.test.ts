import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, disconnectDb } from "../../../lib/db";
import { saveChannel } from "../../../lib/alerts/settings/save-channel";
import { saveRuleConfig } from "../../../lib/alerts/settings/save-rule-config";
import { channelInput } from "../../../lib/alerts/settings/settings-input";
import { Fleet } from "../../../sim/fleet";
import { integrationServices, useOwnDatabase } from "../../support/integration-context";
import { addSimRouter } from "../../support/poller-harness";
import { startWorkerProcess, TEST_SECRET_KEY, waitFor } from "../../support/worker-process";
import type { TestDatabase } from "../../support/services";
import { startNtfy, startTelegram } from "./chat-receivers";

const services = integrationServices();
const NTFY_TOKEN = "tk_0123456789abcdefghijklmnopqrs";
const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawq";

// ntfy and Telegram channels through a real worker: a simulated gateway goes down and comes back;
// each service gets exactly one notification per transition, authenticated as it expects, and a
// receiver that refuses for a while (502 from ntfy, 429 from Telegram) gets the retry later.
describe("ntfy and Telegram channels", () => {
  const prefix = `${services.queuePrefix}_chat`;
  let own: TestDatabase;
  let fleet: Fleet;
  let ntfy: Awaited<ReturnType<typeof startNtfy>>;
  let telegram: Awaited<ReturnType<typeof startTelegram>>;
  let routerId = 0;

  beforeAll(async () => {
    own = await useOwnDatabase();
    ntfy = await startNtfy({ token: NTFY_TOKEN });
    telegram = await startTelegram({ botToken: BOT_TOKEN });
    fleet = await Fleet.start({
      seed: 11,
      routers: [{ name: "r", version: "7.19", clients: 30, listVisibilityDelayMs: 0 }],
      serve: { basePort: 0 },
    });
    fleet.startRealTime();
    routerId = await addSimRouter({ db: getDb(), fleet, name: "r", prefix, pollIntervalSec: 2 });
    for (const rule of ["imbalance", "dual_listed", "unmarked_share", "stale"] as const)
      await saveRuleConfig({ db: getDb(), input: { rule, enabled: false, forSeconds: 0, severity: "warning" } });
    await saveRuleConfig({ db: getDb(), input: { rule: "gateway_down", enabled: true, forSeconds: 0, severity: "critical" } });
    const save = (input: Record<string, unknown>) =>
      saveChannel({ db: getDb(), secretKey: TEST_SECRET_KEY, input: channelInput.parse(input) });
    await save({ name: "phone", kind: "ntfy", target: `${ntfy.base}/wanscope-alerts`, secret: NTFY_TOKEN, enabled: "on" });
    await save({ name: "ops-chat", kind: "telegram", target: "-1001234567890", secret: BOT_TOKEN, enabled: "on" });
  });
  afterAll(async () => {
    await fleet?.close();
    await ntfy?.close();
    await telegram?.close();
    await disconnectDb();
    await own?.drop();
  });

  it("validates what each service needs", async () => {
    expect(channelInput.safeParse({ name: "t", kind: "telegram", target: "not a chat", secret: BOT_TOKEN, enabled: "on" }).success).toBe(
      false,
    );
    expect(
      channelInput.safeParse({ name: "t", kind: "telegram", target: "@wanscope_ops", secret: "short-but-16-chars!", enabled: "on" })
        .success,
    ).toBe(false);
    expect(channelInput.safeParse({ name: "n", kind: "ntfy", target: "ntfy.sh/topic", enabled: "on" }).success).toBe(false);
    await expect(
      saveChannel({
        db: getDb(),
        secretKey: TEST_SECRET_KEY,
        input: channelInput.parse({ name: "no-token", kind: "telegram", target: "@wanscope_ops", enabled: "on" }),
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("sends one authenticated notification per transition to each, retrying through an outage", async () => {
    const worker = startWorkerProcess({
      databaseUrl: own.url,
      redisUrl: services.redisUrl,
      queuePrefix: prefix,
      extraEnv: { POLL_TIMEOUT_MS: "1500", TELEGRAM_API_URL: telegram.base },
    });
    try {
      await waitFor(async () => (await getDb().router.findUniqueOrThrow({ where: { id: routerId } })).status === "ok", {
        timeoutMs: 30_000,
        what: "first poll",
      });
      fleet.fault("r", { gateway: { wan: "wlan2", state: "down", mode: "link" } });
      await waitFor(async () => ntfy.received.length >= 1 && telegram.received.length >= 1, {
        timeoutMs: 30_000,
        what: "the fired notifications",
      });
      expect(ntfy.received[0]).toMatchObject({
        topic: "wanscope-alerts",
        priority: "5",
        tags: "rotating_light",
        authorization: `Bearer ${NTFY_TOKEN}`,
      });
      expect(ntfy.received[0]!.title).toMatch(/^\[WANscope\] .*r/);
      expect(ntfy.received[0]!.message).toMatch(/\[FIRING\].*odd/);
      expect(telegram.received[0]!.chatId).toBe("-1001234567890");
      expect(telegram.received[0]!.text).toMatch(/WANscope · router .*\n\[FIRING\]/);

      // Both services refuse for a while; the resolution is retried with backoff and arrives once.
      ntfy.state.mode = "down";
      telegram.state.mode = "down";
      fleet.fault("r", { gateway: { wan: "wlan2", state: "up", mode: "link" } });
      const refused = await waitFor(
        async () => {
          const rows = await getDb().delivery.findMany({
            where: { alertEvent: { kind: "resolved", alert: { routerId } } },
            include: { channel: true },
          });
          return rows.length === 2 && rows.every((d) => d.attempts >= 1 && d.status === "pending") ? rows : null;
        },
        { timeoutMs: 30_000, what: "failed attempts at the resolved notifications" },
      );
      const errors = Object.fromEntries(refused.map((d) => [d.channel.kind, d.lastError ?? ""]));
      expect(errors.ntfy).toMatch(/HTTP 502/);
      expect(errors.telegram).toMatch(/Telegram refused: Too Many Requests/);
      expect(errors.telegram).not.toContain(BOT_TOKEN.split(":")[1]);
      ntfy.state.mode = "ok";
      telegram.state.mode = "ok";
      await waitFor(async () => ntfy.received.length >= 2 && telegram.received.length >= 2, {
        timeoutMs: 60_000,
        what: "the resolved notifications",
      });
      await new Promise((r) => setTimeout(r, 3000)); // nothing more may arrive
      expect(ntfy.received).toHaveLength(2);
      expect(telegram.received).toHaveLength(2);
      expect(ntfy.received[1]).toMatchObject({ priority: "3", tags: "white_check_mark" });
      expect(telegram.received[1]!.text).toMatch(/\[RESOLVED\]/);
      expect(ntfy.state.refused + telegram.state.unauthorized).toBe(0);
      const delivered = await getDb().delivery.findMany({ where: { alertEvent: { alert: { routerId } } } });
      expect(delivered).toHaveLength(4); // two transitions × two channels
      expect(delivered.every((d) => d.status === "delivered")).toBe(true);
    } finally {
      await worker.stop();
    }
  }, 240_000);
});
