import { writeAudit } from "../actions/write-audit";
import { NotFoundError } from "../errors";
import { resyncPollSchedulers, type AuditUser, type RouterAdminCtx } from "./context";

/** Enable or disable polling of a router; disabling removes its poll scheduler. */
export async function setRouterEnabled(options: {
  ctx: RouterAdminCtx;
  input: { id: number; enabled: boolean };
  user: AuditUser;
}): Promise<{ schedulesSynced: boolean }> {
  const { ctx, input } = options;
  const before = await ctx.db.router.findUnique({ where: { id: input.id }, select: { enabled: true } });
  if (!before) throw new NotFoundError("router");
  await ctx.db.router.update({ where: { id: input.id }, data: { enabled: input.enabled } });
  await writeAudit({
    ctx,
    input: {
      user: options.user,
      action: input.enabled ? "router.enable" : "router.disable",
      routerId: input.id,
      before,
      after: { enabled: input.enabled },
      result: "ok",
    },
  });
  return { schedulesSynced: await resyncPollSchedulers(ctx) };
}
