import { deliverAlert } from "../../lib/alerts";
import { DELIVERY_MAX_ATTEMPTS } from "../../lib/jobs";
import type { JobHandler } from "../registry-types";

export const handleAlertDeliver: JobHandler<"alert.deliver"> = async ({ ctx, payload, attempt }) => {
  const log = ctx.log.child({ deliveryId: payload.deliveryId });
  try {
    const outcome = await deliverAlert({
      db: ctx.db,
      deliveryId: BigInt(payload.deliveryId),
      secretKey: ctx.secretKey,
      now: new Date(),
      attempt,
      finalAttempt: attempt >= DELIVERY_MAX_ATTEMPTS,
      smtp: ctx.settings.SMTP_URL ? { url: ctx.settings.SMTP_URL, from: ctx.settings.SMTP_FROM } : null,
      telegramApiUrl: ctx.settings.TELEGRAM_API_URL,
    });
    if (outcome.result === "delivered")
      log.info(
        { event: "alert.delivered", deliveries: outcome.deliveries, status: outcome.send?.status, ms: outcome.send?.ms },
        "alert delivered",
      );
    if (outcome.result === "failed") log.warn({ event: "alert.delivery_failed", err: outcome.send?.error }, "alert delivery given up");
    return { result: outcome.result, deliveries: outcome.deliveries };
  } catch (error) {
    log.warn(
      { event: "alert.delivery_retry", attempt, err: error instanceof Error ? error.message : String(error) },
      "alert delivery failed; retrying",
    );
    throw error;
  }
};
