import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../db/generated/client";
import { RULE_KINDS } from "../alerts/rules";

// The alerts page: open (firing + acknowledged), one state, or all; by rule and router; newest first.

export const ALERT_STATE_FILTERS = ["open", "firing", "acknowledged", "resolved", "all"] as const;
export const ALERTS_PAGE_SIZE = 50;

export const alertsParamsSchema = z.object({
  state: z.enum(ALERT_STATE_FILTERS, { message: `use ${ALERT_STATE_FILTERS.join(", ")}` }).default("open"),
  rule: z.enum(RULE_KINDS, { message: `use ${RULE_KINDS.join(", ")}` }).optional(),
  router: z.coerce.number({ message: "must be a router id" }).int().positive().max(2_147_483_647).optional(),
  page: z.coerce.number({ message: "must be a number" }).int().min(1).max(100_000).default(1),
});
export type AlertsParams = z.infer<typeof alertsParamsSchema>;

export type AlertRow = {
  id: number;
  routerId: number;
  routerName: string;
  rule: (typeof RULE_KINDS)[number];
  subject: string;
  state: "firing" | "acknowledged" | "resolved";
  severity: "info" | "warning" | "critical";
  message: string;
  firedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: number | null;
  resolvedAt: Date | null;
  silenced: string | null;
  deliveries: { delivered: number; pending: number; failed: number; lastError: string | null };
};

function where(params: Pick<AlertsParams, "state" | "rule" | "router">): Prisma.AlertWhereInput {
  const state =
    params.state === "open"
      ? { in: ["firing", "acknowledged"] as ("firing" | "acknowledged")[] }
      : params.state === "all"
        ? undefined
        : params.state;
  return {
    ...(state ? { state } : {}),
    ...(params.rule ? { rule: params.rule } : {}),
    ...(params.router ? { routerId: params.router } : {}),
  };
}

export async function listAlerts(options: {
  db: Db;
  params: AlertsParams;
  pageSize?: number;
}): Promise<{ rows: AlertRow[]; matching: number; pageCount: number; routers: { id: number; name: string }[] }> {
  const { db, params } = options;
  const size = options.pageSize ?? ALERTS_PAGE_SIZE;
  const filter = where(params);
  const [matching, alerts, routers] = await Promise.all([
    db.alert.count({ where: filter }),
    db.alert.findMany({
      where: filter,
      orderBy: [{ firedAt: "desc" }, { id: "desc" }],
      skip: (params.page - 1) * size,
      take: size,
      include: { router: { select: { name: true } }, events: { select: { deliveries: { select: { status: true, lastError: true } } } } },
    }),
    db.router.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const rows = alerts.map((a): AlertRow => {
    const deliveries = a.events.flatMap((e) => e.deliveries);
    const silenced = (a.details as { silenced?: { reason?: string } } | null)?.silenced;
    return {
      id: a.id,
      routerId: a.routerId,
      routerName: a.router.name,
      rule: a.rule,
      subject: a.subject,
      state: a.state,
      severity: a.severity,
      message: a.message,
      firedAt: a.firedAt,
      acknowledgedAt: a.acknowledgedAt,
      acknowledgedBy: a.acknowledgedBy,
      resolvedAt: a.resolvedAt,
      silenced: silenced ? (silenced.reason ?? "silenced") : null,
      deliveries: {
        delivered: deliveries.filter((d) => d.status === "delivered").length,
        pending: deliveries.filter((d) => d.status === "pending").length,
        failed: deliveries.filter((d) => d.status === "failed").length,
        lastError: deliveries.find((d) => d.status !== "delivered" && d.lastError)?.lastError ?? null,
      },
    };
  });
  return { rows, matching, pageCount: Math.max(1, Math.ceil(matching / size)), routers };
}
