import { actionErrorText } from "../actions/run-client-action";
import type { ConfigFix } from "../db/generated/client";
import { NotFoundError } from "../errors";
import { adoptConfiguration, restoreScopeOf } from "./apply-fix";
import { pathsOf } from "./fix-commands";
import { fixCommandsSchema, progressSchema, savedSchema } from "./fix-record";
import { fixAuditor, openFixSession, retryOnConnectionLoss, transient, type FixJobContext } from "./fix-session";
import { differingKeys } from "./props";
import { readConfigSnapshot } from "./read-snapshot";
import { renderScript } from "./render-script";
import { restoreSaved } from "./restore";
import { configProps, rowsOf, type ConfigSnapshot } from "./snapshot";

// Rollback on demand: put back the rules saved before the fix, exactly. Refused when the rules the fix
// touched or added were changed since (by someone else): restoring would silently undo that change.

function changedSinceFix(options: { readBack: ConfigSnapshot; current: ConfigSnapshot; ids: Set<string>; paths: string[] }): string[] {
  const problems: string[] = [];
  for (const path of options.paths as Parameters<typeof rowsOf>[1][]) {
    const current = new Map(rowsOf(options.current, path).map((r) => [r[".id"], r]));
    for (const row of rowsOf(options.readBack, path)) {
      const id = row[".id"] ?? "";
      if (!options.ids.has(id)) continue;
      const now = current.get(id);
      if (!now) problems.push(`${path} ${id} was removed`);
      else if (differingKeys({ expected: configProps(row), actual: configProps(now) }).length > 0)
        problems.push(`${path} ${id} was changed`);
    }
  }
  return problems;
}

export async function rollbackConfigFix(options: {
  ctx: FixJobContext;
  input: { fixId: number; finalAttempt: boolean };
  now?: () => Date;
}): Promise<{ status: ConfigFix["status"]; error?: string; retry?: boolean }> {
  const { ctx, input } = options;
  const now = options.now ?? (() => new Date());
  const fix = await ctx.db.configFix.findUnique({ where: { id: input.fixId } });
  if (!fix) throw new NotFoundError(`config fix ${input.fixId}`);
  if (fix.status !== "rolling_back") return { status: fix.status };
  const router = await ctx.db.router.findUnique({ where: { id: fix.routerId } });
  if (!router) throw new NotFoundError("router");
  const audit = await fixAuditor(ctx, fix.rollbackRequestedBy ?? fix.requestedBy);
  const step = (action: string, result: string, details: object = {}) =>
    audit({ action, routerId: router.id, fixId: fix.id, result, details });
  const commands = fixCommandsSchema.parse(fix.commands);
  const saved = savedSchema.parse(fix.saved);
  const readBack = savedSchema.parse(fix.readBack);
  const progress = progressSchema.parse(fix.progress);
  const scope = restoreScopeOf({ saved, commands, addedIds: progress.addedIds });
  const session = openFixSession(ctx, router);
  try {
    const current = await retryOnConnectionLoss(() => readConfigSnapshot({ client: session, user: router.username }));
    const changed = changedSinceFix({
      readBack,
      current,
      ids: new Set([...scope.touched, ...scope.added.map((a) => a.id)]),
      paths: pathsOf(commands),
    });
    if (changed.length > 0) {
      const error = `Rollback refused: ${changed.join("; ")} since the fix was applied. Restoring would undo that; compare with the saved rules by hand.`;
      await ctx.db.configFix.update({ where: { id: fix.id }, data: { status: "applied", error } });
      await step("config.rollback_refused", "failed: rules changed since the fix", { changed });
      return { status: "applied", error };
    }
    await step("config.rollback_started", "ok");
    const outcome = await retryOnConnectionLoss(() => restoreSaved({ client: session, scope, user: router.username }));
    const after = await retryOnConnectionLoss(() => readConfigSnapshot({ client: session, user: router.username }));
    await adoptConfiguration({ ctx, router, snapshot: after, now: now() });
    const at = now();
    await ctx.db.configFix.update({
      where: { id: fix.id },
      data: {
        status: "rolled_back",
        rolledBackAt: at,
        finishedAt: at,
        error: outcome.exact
          ? null
          : `restored the rules the fix touched; ${outcome.differences.length} other difference(s) from the saved rules were not made by this fix`,
      },
    });
    await step("config.rolled_back", outcome.exact ? "ok" : "ok: not exact", {
      commands: renderScript(outcome.commands),
      exact: outcome.exact,
      differences: outcome.differences.slice(0, 20),
    });
    return { status: "rolled_back" };
  } catch (error) {
    const text = actionErrorText({ error: error, log: ctx.log });
    if (transient(error) && !input.finalAttempt) {
      await ctx.db.configFix.update({ where: { id: fix.id }, data: { error: `retrying: ${text}` } });
      return { status: "rolling_back", error: text, retry: true };
    }
    await ctx.db.configFix.update({
      where: { id: fix.id },
      data: { status: "rollback_failed", finishedAt: now(), error: `rollback failed: ${text}` },
    });
    await step("config.rollback_failed", `failed: ${text}`);
    return { status: "rollback_failed", error: text };
  } finally {
    await session.close();
  }
}
