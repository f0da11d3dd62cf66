import { writeAudit } from "../actions/write-audit";
import { NotFoundError } from "../errors";
import { resyncPollSchedulers, routerSummary, type AuditUser, type RouterAdminCtx } from "./context";

/** Delete a router with its WANs and history (cascades), then remove its poll scheduler. The audit row stays. */
export async function deleteRouter(options: {
  ctx: RouterAdminCtx;
  input: { id: number };
  user: AuditUser;
}): Promise<{ name: string; schedulesSynced: boolean }> {
  const { ctx } = options;
  const router = await ctx.db.router.findUnique({ where: { id: options.input.id } });
  if (!router) throw new NotFoundError("router");
  await ctx.db.router.delete({ where: { id: router.id } });
  await writeAudit({
    ctx,
    input: { user: options.user, action: "router.delete", routerId: router.id, before: routerSummary(router), result: "ok" },
  });
  return { name: router.name, schedulesSynced: await resyncPollSchedulers(ctx) };
}
