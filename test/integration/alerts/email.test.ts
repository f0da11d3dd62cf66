import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverAlert, saveChannel, sendTestNotification } from "../../../lib/alerts";
import { recordAlertEvent } from "../../../lib/alerts/record-event";
import { disconnectDb, getDb } from "../../../lib/db";
import { encryptSecret } from "../../../lib/crypto/password-box";
import { integrationServices, useOwnDatabase } from "../../support/integration-context";
import type { TestDatabase } from "../../support/services";
import { startSmtpReceiver } from "../../support/smtp-receiver";
import { TEST_SECRET_KEY } from "../../support/worker-process";

integrationServices();

// Email channels: one message per transition through the configured SMTP server (a local receiver).
describe("email alert channel", () => {
  let own: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

  beforeAll(async () => {
    own = await useOwnDatabase();
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp?.close();
    await disconnectDb();
    await own?.drop();
  });

  it("sends one message per transition, and says clearly when SMTP is not configured", async () => {
    const db = getDb();
    const router = await db.router.create({
      data: { name: "mail-gw", host: "127.0.0.1", username: "u", passwordEnc: encryptSecret("pw", TEST_SECRET_KEY) },
    });
    const channel = await saveChannel({
      db,
      secretKey: TEST_SECRET_KEY,
      input: { name: "noc mail", kind: "email", target: "noc@example.test, oncall@example.test", enabled: true },
    });
    const now = new Date();
    const alert = await db.alert.create({
      data: {
        routerId: router.id,
        rule: "gateway_down",
        subject: "odd",
        openKey: `${router.id}:gateway_down:odd`,
        state: "firing",
        severity: "critical",
        message: "route of WAN odd is inactive",
        firedAt: now,
      },
    });
    const [deliveryId] = await recordAlertEvent({ tx: db, alertId: alert.id, kind: "fired", at: now, deliver: true });
    expect(deliveryId).toBeDefined();

    const unconfigured = await deliverAlert({
      db,
      deliveryId: deliveryId!,
      secretKey: TEST_SECRET_KEY,
      now,
      attempt: 1,
      finalAttempt: true,
      smtp: null,
    });
    expect(unconfigured.result).toBe("failed");
    expect(unconfigured.send?.error).toMatch(/SMTP_URL/);

    await db.delivery.update({ where: { id: deliveryId! }, data: { status: "pending" } });
    const smtpSettings = { url: `smtp://127.0.0.1:${smtp.port}`, from: "WANscope <wanscope@example.test>" };
    const sent = await deliverAlert({
      db,
      deliveryId: deliveryId!,
      secretKey: TEST_SECRET_KEY,
      now,
      attempt: 2,
      finalAttempt: false,
      smtp: smtpSettings,
    });
    expect(sent.result).toBe("delivered");
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to.sort()).toEqual(["noc@example.test", "oncall@example.test"]);
    const body = smtp.messages[0]!.data.replace(/=\n/g, ""); // undo quoted-printable soft line breaks
    expect(body).toContain("mail-gw");
    expect(body).toContain("route of WAN odd is inactive");
    // Delivered once: a retry of the same job sends nothing more.
    expect(
      (
        await deliverAlert({
          db,
          deliveryId: deliveryId!,
          secretKey: TEST_SECRET_KEY,
          now,
          attempt: 3,
          finalAttempt: false,
          smtp: smtpSettings,
        })
      ).result,
    ).toBe("not_pending");
    expect(smtp.messages).toHaveLength(1);

    const test = await sendTestNotification({ db, channelId: channel.id, secretKey: TEST_SECRET_KEY, now, smtp: smtpSettings });
    expect(test.ok).toBe(true);
    expect(smtp.messages[1]!.data.replace(/=\n/g, "")).toContain("Test notification");
  });
});
