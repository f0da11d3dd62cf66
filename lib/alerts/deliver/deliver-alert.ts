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
 *
 * Order per channel and alert: each delivery backs off on its own, so after a receiver outage a later
 * transition's job may run first. It then carries the earlier pending transitions of the same alerts
 * too, oldest first, and each event has its alert's sequence number (1 = fired, then 2, 3, ...), so a
 * receiver never sees "resolved" before "fired". Attempts for one channel and router run one at a time
 * (a transaction-scoped advisory lock), so two jobs cannot send the same transition out of order.
 */
export async function deliverAlert(options: DeliverOptions): Promise<DeliverOutcome> {
  const first = await options.db.delivery.findUnique({
    where: { id: options.deliveryId },
    select: { status: true, channelId: true, alertEvent: { select: { alert: { select: { routerId: true } } } } },
  });
  if (!first || first.status !== "pending") return { result: "not_pending", deliveries: 0 };
  const lockKey = [first.channelId, first.alertEvent.alert.routerId] as const;
  const outcome = await options.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lockKey[0]}::int, ${lockKey[1]}::int)`;
      return attemptDelivery({ ...options, db: tx as unknown as Db });
    },
    // The send itself runs inside: its own timeout (send-webhook.ts) is well under this.
    { timeout: 120_000, maxWait: 60_000 },
  );
  // Thrown after the commit, so the failed attempt stays recorded while BullMQ backs off.
  if ("retry" in outcome) throw new DeliveryFailedError(outcome.retry);
  return outcome;
}

type DeliverOptions = {
  db: Db;
  deliveryId: bigint;
  secretKey: Buffer;
  now: Date;
  attempt: number;
  finalAttempt: boolean;
  smtp?: SmtpSettings | null;
  /** The Bot API's base URL (a self-hosted Bot API server, or a test receiver). */
  telegramApiUrl?: string;
};

async function attemptDelivery(options: DeliverOptions): Promise<DeliverOutcome | { retry: string }> {
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
  // Earlier transitions of the same alerts still pending on this channel go first, in the same notification.
  const earlier = await db.delivery.findMany({
    where: {
      channelId: delivery.channelId,
      status: "pending",
      id: { notIn: group.map((d) => d.id) },
      alertEvent: {
        alertId: { in: [...new Set(group.map((d) => d.alertEvent.alertId))] },
        id: { lt: maxOf(group.map((d) => d.alertEvent.id)) },
      },
    },
    include: deliveryInclude,
    take: GROUP_LIMIT,
  });
  group = [...earlier, ...group].sort((a, b) => (a.alertEvent.id < b.alertEvent.id ? -1 : a.alertEvent.id > b.alertEvent.id ? 1 : 0));
  const sequences = await sequenceNumbers({ db, eventIds: group.map((d) => d.alertEvent.id) });

  const channel = delivery.channel;
  const events: PayloadEvent[] = group.map((d) => ({
    eventId: String(d.alertEvent.id),
    sequence: sequences.get(d.alertEvent.id) ?? 1,
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
  return { retry: `delivery ${delivery.id} to channel ${channel.name}: ${send.error ?? "failed"}` };
}

const maxOf = (ids: bigint[]): bigint => ids.reduce((m, id) => (id > m ? id : m), 0n) + 1n;

/** Each event's place among its alert's events (1 = fired), in the order they happened. */
async function sequenceNumbers(options: { db: Db; eventIds: bigint[] }): Promise<Map<bigint, number>> {
  const rows = await options.db.$queryRaw<{ id: bigint; seq: number }[]>`
    SELECT e.id, (SELECT count(*) FROM alert_events o WHERE o.alert_id = e.alert_id AND o.id <= e.id)::int AS seq
    FROM alert_events e WHERE e.id = ANY(${options.eventIds.map(String)}::bigint[])`;
  return new Map(rows.map((r) => [BigInt(r.id), r.seq]));
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
  // Already inside deliverAlert's transaction: one update per delivery of the notification.
  await Promise.all(
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
