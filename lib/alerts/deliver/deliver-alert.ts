import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { Prisma } from "../../db/generated/client";
import type { PayloadEvent } from "./build-payload";
import type { SmtpSettings } from "./send-email";
import type { SendResult } from "./post-request";
import { sendToChannel, TELEGRAM_API_URL } from "./send-to-channel";

export type AttemptLogEntry = {
  at: string;
  attempt: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  ms: number;
  grouped?: number;
};
export type DeliverOutcome = { result: "delivered" | "not_pending" | "grouped" | "failed"; deliveries: number; send?: SendResult };

const MAX_LOG = 50;
const GROUP_LIMIT = 200;

const deliveryInclude = {
  channel: true,
  alertEvent: { include: { alert: { include: { router: { select: { id: true, name: true, site: true } } } } } },
} as const;
type LoadedDelivery = Prisma.DeliveryGetPayload<{ include: typeof deliveryInclude }>;

export class DeliveryFailedError extends AppError {
  constructor(message: string) {
    super({ code: "service_unavailable", message, retryable: true });
  }
}

/**
 * One attempt at a delivery. Dual-listed clients of one router that changed in the same evaluation
 * go out as one notification: the pending delivery with the lowest id sends for its group, the
 * others return "grouped". A failure throws a retryable error (BullMQ backs off) unless `finalAttempt`.
 */
export async function deliverAlert(options: {
  db: Db;
  deliveryId: bigint;
  secretKey: Buffer;
  now: Date;
  attempt: number;
  finalAttempt: boolean;
  smtp?: SmtpSettings | null;
  /** The Bot API's base URL (a self-hosted Bot API server, or a test receiver). */
  telegramApiUrl?: string;
}): Promise<DeliverOutcome> {
  const { db, now } = options;
  const delivery = await db.delivery.findUnique({ where: { id: options.deliveryId }, include: deliveryInclude });
  if (!delivery || delivery.status !== "pending") return { result: "not_pending", deliveries: 0 };
  const event = delivery.alertEvent;
  let group: LoadedDelivery[] = [delivery];
  if (event.alert.rule === "dual_listed") {
    group = await db.delivery.findMany({
      where: {
        channelId: delivery.channelId,
        status: "pending",
        alertEvent: { kind: event.kind, at: event.at, alert: { routerId: event.alert.routerId, rule: "dual_listed" } },
      },
      include: deliveryInclude,
      orderBy: { id: "asc" },
      take: GROUP_LIMIT,
    });
    if (group[0] && group[0].id !== delivery.id) return { result: "grouped", deliveries: 0 };
    if (group.length === 0) group = [delivery];
  }

  const channel = delivery.channel;
  const events: PayloadEvent[] = group.map((d) => ({
    eventId: String(d.alertEvent.id),
    kind: d.alertEvent.kind,
    at: d.alertEvent.at,
    byUserId: d.alertEvent.byUserId,
    alert: {
      id: d.alertEvent.alert.id,
      rule: d.alertEvent.alert.rule,
      subject: d.alertEvent.alert.subject,
      severity: d.alertEvent.alert.severity,
      message: d.alertEvent.alert.message,
      details: d.alertEvent.alert.details,
      firedAt: d.alertEvent.alert.firedAt,
      resolvedAt: d.alertEvent.alert.resolvedAt,
    },
  }));
  const send = await sendToChannel({
    channel,
    router: event.alert.router,
    events,
    secretKey: options.secretKey,
    now,
    deliveryId: String(delivery.id),
    settings: { smtp: options.smtp ?? null, telegramApiUrl: options.telegramApiUrl ?? TELEGRAM_API_URL },
  });
  await recordAttempt({ db, group, send, now, attempt: options.attempt, final: options.finalAttempt });
  if (send.ok) return { result: "delivered", deliveries: group.length, send };
  if (options.finalAttempt) return { result: "failed", deliveries: group.length, send };
  throw new DeliveryFailedError(`delivery ${delivery.id} to channel ${channel.name}: ${send.error ?? "failed"}`);
}

async function recordAttempt(options: {
  db: Db;
  group: LoadedDelivery[];
  send: SendResult;
  now: Date;
  attempt: number;
  final: boolean;
}): Promise<void> {
  const { send, now } = options;
  const entry: AttemptLogEntry = {
    at: now.toISOString(),
    attempt: options.attempt,
    ok: send.ok,
    status: send.status,
    error: send.error,
    ms: send.ms,
    ...(options.group.length > 1 ? { grouped: options.group.length } : {}),
  };
  const status = send.ok ? "delivered" : options.final ? "failed" : "pending";
  await options.db.$transaction(
    options.group.map((d) => {
      const log = [...(Array.isArray(d.attemptLog) ? (d.attemptLog as AttemptLogEntry[]) : []), entry].slice(-MAX_LOG);
      return options.db.delivery.update({
        where: { id: d.id },
        data: {
          status,
          attempts: { increment: 1 },
          lastAttemptAt: now,
          lastError: send.error,
          deliveredAt: send.ok ? now : null,
          attemptLog: log as unknown as Prisma.InputJsonValue,
        },
      });
    }),
  );
}
