import type { Db } from "../../db";
import { decryptSecret } from "../../crypto/password-box";
import { NotFoundError } from "../../errors";
import { buildSlackPayload, buildWebhookPayload, summaryText, type PayloadEvent } from "./build-payload";
import { sendEmail, type SmtpSettings } from "./send-email";
import { sendWebhook, type SendResult } from "./send-webhook";

/** Send a clearly marked test notification to one channel now, and say what the receiver answered. */
export async function sendTestNotification(options: {
  db: Db;
  channelId: number;
  secretKey: Buffer;
  now: Date;
  smtp?: SmtpSettings | null;
}): Promise<SendResult> {
  const channel = await options.db.notificationChannel.findUnique({ where: { id: options.channelId } });
  if (!channel) throw new NotFoundError(`channel ${options.channelId}`);
  const router = { id: 0, name: "test-router", site: null };
  const events: PayloadEvent[] = [
    {
      eventId: `test-${options.now.getTime()}`,
      kind: "fired",
      at: options.now,
      byUserId: null,
      alert: {
        id: 0,
        rule: "gateway_down",
        subject: "test",
        severity: "info",
        message: "Test notification from WANscope: this channel works.",
        details: null,
        firedAt: options.now,
        resolvedAt: null,
      },
    },
  ];
  if (channel.kind === "email") {
    return sendEmail({
      smtp: options.smtp ?? null,
      to: channel.target,
      subject: "[WANscope] test notification",
      text: summaryText({ router, events }),
    });
  }
  const payload =
    channel.kind === "slack" ? buildSlackPayload({ router, events, test: true }) : buildWebhookPayload({ router, events, test: true });
  const secret = channel.secretEnc ? decryptSecret(channel.secretEnc, options.secretKey) : null;
  return sendWebhook({
    url: channel.target,
    body: JSON.stringify(payload),
    secret,
    deliveryId: `test-${options.now.getTime()}`,
    now: options.now,
  });
}
