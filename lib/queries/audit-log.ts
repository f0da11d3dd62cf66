import { z } from "zod";
import type { Db } from "../db";
import type { Prisma } from "../db/generated/client";

export const auditParamsSchema = z.object({
  router: z.coerce.number().int().positive().optional(),
  client: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  user: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  action: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  result: z.enum(["ok", "failed"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type AuditParams = z.infer<typeof auditParamsSchema>;

const PAGE = 50;

/** Audit entries, newest first, filtered by router, client (prefix), user email (part), action and result. */
export async function listAuditEntries({ db, params, pageSize = PAGE }: { db: Db; params: AuditParams; pageSize?: number }) {
  const where: Prisma.AuditEntryWhereInput = {};
  if (params.router) where.routerId = params.router;
  if (params.client) where.clientAddress = { startsWith: params.client };
  if (params.user) where.userEmail = { contains: params.user, mode: "insensitive" };
  if (params.action) where.action = { startsWith: params.action };
  if (params.result === "ok") where.result = "ok";
  if (params.result === "failed") where.result = { startsWith: "failed" };
  const [matching, rows] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (params.page - 1) * pageSize, take: pageSize }),
  ]);
  const routers = await db.router.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.routerId).filter((id): id is number => id !== null))] } },
    select: { id: true, name: true },
  });
  const names = new Map(routers.map((r) => [r.id, r.name]));
  return {
    matching,
    page: params.page,
    pageCount: Math.max(1, Math.ceil(matching / pageSize)),
    rows: rows.map((r) => ({
      ...r,
      id: r.id.toString(),
      routerName: r.routerId === null ? null : (names.get(r.routerId) ?? `#${r.routerId}`),
    })),
  };
}
