import type { Db } from "../../db";
import { NotFoundError } from "../../errors";
import type { PayloadEvent } from "./build-payload";
import type { SmtpSettings } from "./send-email";
import type { SendResult } from "./post-request";
import { sendToChannel, TELEGRAM_API_URL } from "./send-to-channel";

/** Send a clearly marked test notification to one channel now, and say what the receiver answered. */
export async function sendTestNotification(options: {
  db: Db;
  channelId: number;
  secretKey: Buffer;
  now: Date;
  smtp?: SmtpSettings | null;
  telegramApiUrl?: string;
}): Promise<SendResult> {
  const channel = await options.db.notificationChannel.findUnique({ where: { id: options.channelId } });
  if (!channel) throw new NotFoundError(`channel ${options.channelId}`);
  const router = { id: 0, name: "test-router", site: null };
  const events: PayloadEvent[] = [
    {
      eventId: `test-${options.now.getTime()}`,
      sequence: 1,
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
  return sendToChannel({
    channel,
    router,
    events,
    secretKey: options.secretKey,
    now: options.now,
    deliveryId: `test-${options.now.getTime()}`,
    settings: { smtp: options.smtp ?? null, telegramApiUrl: options.telegramApiUrl ?? TELEGRAM_API_URL },
    test: true,
  });
}
