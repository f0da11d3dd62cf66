import { writeAudit } from "../actions/write-audit";
import { routerConnectionSettings } from "./router-connection";
import { saveDiscoveredSetup } from "../poller/save-discovery";
import { addRouter, type AddRouterInput } from "./add-router";
import { resyncPollSchedulers, routerSummary, type AuditUser, type RouterAdminCtx } from "./context";
import { probeRouter, type ConnectionFailure, type ConnectionReport } from "./test-connection";

/**
 * Add a router from the admin UI: store it (password sealed), audit, discover its balancing setup
 * right away so its WANs can be reviewed, and schedule its polls. An unreachable router is still
 * added (the poller keeps trying); the answer says what discovery found or why it failed.
 */
export async function createRouter(options: {
  ctx: RouterAdminCtx;
  input: AddRouterInput;
  user: AuditUser;
  now?: Date;
  timeoutMs?: number;
}): Promise<{ id: number; name: string; discovery: ConnectionReport | ConnectionFailure; schedulesSynced: boolean }> {
  const { ctx } = options;
  const created = await addRouter({ db: ctx.db, secretKey: ctx.secretKey, input: options.input });
  const router = await ctx.db.router.findUniqueOrThrow({ where: { id: created.id } });
  const outcome = await probeRouter({
    settings: routerConnectionSettings(router, ctx.secretKey),
    timeoutMs: options.timeoutMs,
    log: ctx.log,
  });
  if (outcome.ok) {
    await saveDiscoveredSetup({
      db: ctx.db,
      routerId: router.id,
      setup: outcome.setup,
      version: outcome.report.version,
      now: options.now ?? new Date(),
    });
    await ctx.db.router.update({ where: { id: router.id }, data: { identity: outcome.report.identity } });
  }
  const discovery = outcome.ok ? outcome.report : outcome;
  await writeAudit({
    ctx,
    input: {
      user: options.user,
      action: "router.create",
      routerId: router.id,
      after: routerSummary(router),
      result: "ok",
      details: discovery.ok
        ? { discovered: discovery.wans.map((w) => w.name), version: discovery.version }
        : { discovery: discovery.message },
    },
  });
  const schedulesSynced = await resyncPollSchedulers(ctx);
  return { id: router.id, name: router.name, discovery, schedulesSynced };
}
