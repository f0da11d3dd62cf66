import { decryptSecret } from "../../crypto/password-box";
import type { ChannelKind } from "../../db/generated/client";
import { buildSlackPayload, buildWebhookPayload, summaryText, type PayloadEvent, type PayloadRouter } from "./build-payload";
import { emailSubject, sendEmail, type SmtpSettings } from "./send-email";
import { sendNtfy } from "./send-ntfy";
import { sendTelegram } from "./send-telegram";
import { sendWebhook, type SendResult } from "./send-webhook";

export const TELEGRAM_API_URL = "https://api.telegram.org";

export type ChannelSettings = { smtp: SmtpSettings | null; telegramApiUrl: string };
export type ChannelRow = { kind: ChannelKind; target: string; secretEnc: string | null; name: string };

/** One notification of `events` to one channel, in the form its receiver expects. */
export async function sendToChannel(options: {
  channel: ChannelRow;
  router: PayloadRouter;
  events: PayloadEvent[];
  secretKey: Buffer;
  now: Date;
  deliveryId: string;
  settings: ChannelSettings;
  test?: boolean;
}): Promise<SendResult> {
  const { channel, router, events, now } = options;
  const secret = channel.secretEnc ? decryptSecret(channel.secretEnc, options.secretKey) : null;
  const text = `${options.test ? "[TEST] " : ""}${summaryText({ router, events })}`;
  const subject = options.test
    ? "[WANscope] test notification"
    : emailSubject({ routerName: router.name, count: events.length, firstLine: text.split("\n")[1] ?? "" });
  switch (channel.kind) {
    case "email":
      return sendEmail({ smtp: options.settings.smtp, to: channel.target, subject, text });
    case "ntfy": {
      const worst = events.some((e) => e.alert.severity === "critical")
        ? "critical"
        : events.some((e) => e.alert.severity === "warning")
          ? "warning"
          : "info";
      return sendNtfy({
        topicUrl: channel.target,
        title: subject,
        message: text.split("\n").slice(1).join("\n") || text,
        severity: worst,
        resolved: events.every((e) => e.kind === "resolved"),
        accessToken: secret,
        deliveryId: options.deliveryId,
      });
    }
    case "telegram":
      if (!secret) return { ok: false, status: null, error: "the Telegram channel has no bot token", ms: 0 };
      return sendTelegram({ apiUrl: options.settings.telegramApiUrl, botToken: secret, chatId: channel.target, text });
    case "slack":
    case "webhook": {
      const build = channel.kind === "slack" ? buildSlackPayload : buildWebhookPayload;
      const payload = build({ router, events, test: options.test ?? false });
      return sendWebhook({ url: channel.target, body: JSON.stringify(payload), secret, deliveryId: options.deliveryId, now });
    }
  }
}
