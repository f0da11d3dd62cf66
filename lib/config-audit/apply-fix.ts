import { actionErrorText } from "../actions/run-client-action";
import type { ConfigFix, Router } from "../db/generated/client";
import { NotFoundError, ServiceUnavailableError } from "../errors";
import { saveDiscoveredSetup } from "../poller/save-discovery";
import type { RouterClient } from "../routeros/client";
import { RouterProtocolError } from "../routeros/errors";
import { parseRow, rosId } from "../routeros/parse";
import { auditRouter } from "./audit-router";
import { expectationSchema, fixCommandsSchema, progressSchema, ruleRefsSchema, savedSchema, toJson, type FixProgress } from "./fix-record";
import { fixAuditor, openFixSession, retryOnConnectionLoss, transient, type FixJobContext } from "./fix-session";
import { parseSnapshot } from "./model";
import { readConfigSnapshot } from "./read-snapshot";
import { compareReadBack } from "./readback";
import { commandWords, renderScript } from "./render-script";
import { restoreSaved, savedRulesScript, type RestoreScope } from "./restore";
import { configFingerprint, rowsOf, type ConfigSnapshot } from "./snapshot";
import { saveConfigSnapshot } from "./store";
import { pathsOf, touchedIds } from "./fix-commands";
import type { FixCommand } from "./types";
import { z } from "zod";

// The worker side of a fix: refuse if the router's rules moved since the preview, save the menus the fix
// writes, run the previewed commands one by one (recording each), read back and compare with the
// prediction, re-run discovery. Any error after the first write restores what was saved. A worker that
// died half-way leaves the fix "applying" with its saved rules: the retried job restores them.

export type ApplyOutcome = { status: ConfigFix["status"]; error?: string; retry?: boolean };

/** Test hook: runs after each command of the fix (to cut the connection half-way, say). */
export type ApplyHooks = { afterCommand?: (index: number) => Promise<void> };

const retSchema = z.object({ ret: rosId });

export function restoreScopeOf(options: {
  saved: ConfigSnapshot;
  commands: readonly FixCommand[];
  addedIds: readonly string[];
}): RestoreScope {
  return {
    saved: options.saved,
    paths: pathsOf(options.commands),
    touched: touchedIds(options.commands),
    added: options.commands
      .filter((c) => c.op === "add")
      .flatMap((c, i) => (options.addedIds[i] ? [{ path: c.path, id: options.addedIds[i]! }] : [])),
    markers: options.commands.flatMap((c) => (c.op === "add" && c.props.comment ? [c.props.comment] : [])),
  };
}

/** Store the read-back as the router's configuration and re-run discovery on it (the classifier rule ids moved). */
export async function adoptConfiguration(options: {
  ctx: FixJobContext;
  router: Router;
  snapshot: ConfigSnapshot;
  now: Date;
}): Promise<void> {
  const { ctx, router, snapshot, now } = options;
  await saveConfigSnapshot({ db: ctx.db, routerId: router.id, snapshot, now });
  await saveDiscoveredSetup({ db: ctx.db, routerId: router.id, setup: parseSnapshot(snapshot).setup, version: snapshot.version, now });
  await auditRouter({ db: ctx.db, routerId: router.id, now, store: true });
}

export async function applyConfigFix(options: {
  ctx: FixJobContext;
  input: { fixId: number; finalAttempt: boolean };
  hooks?: ApplyHooks;
  now?: () => Date;
}): Promise<ApplyOutcome> {
  const { ctx, input } = options;
  const now = options.now ?? (() => new Date());
  const { db } = ctx;
  let fix = await db.configFix.findUnique({ where: { id: input.fixId } });
  if (!fix) throw new NotFoundError(`config fix ${input.fixId}`);
  if (fix.status !== "queued" && fix.status !== "applying") return { status: fix.status };
  const router = await db.router.findUnique({ where: { id: fix.routerId } });
  if (!router) throw new NotFoundError("router");
  const audit = await fixAuditor(ctx, fix.requestedBy);
  const log = ctx.log.child({ routerId: router.id, fixId: fix.id });
  const step = (action: string, result: string, extra: { before?: unknown; after?: unknown; details?: object } = {}) =>
    audit({ action, routerId: router.id, fixId: fix!.id, result, ...extra });
  const commands = fixCommandsSchema.parse(fix.commands);
  ruleRefsSchema.parse(fix.touches);
  expectationSchema.parse(fix.expectation);

  if (fix.status === "queued") {
    const started = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM routers WHERE id = ${router.id} FOR UPDATE`;
      const other = await tx.configFix.findFirst({
        where: { routerId: router.id, id: { not: fix!.id }, status: { in: ["applying", "rolling_back"] } },
      });
      if (other) return false;
      await tx.configFix.update({ where: { id: fix!.id }, data: { status: "applying", startedAt: now(), error: null } });
      return true;
    });
    if (!started) throw new ServiceUnavailableError("another fix is running on this router");
    fix = (await db.configFix.findUnique({ where: { id: fix.id } }))!;
    await step("config.fix_started", "ok", { details: { script: fix.script } });
  }

  const session = openFixSession(ctx, router);
  const user = router.username;
  let saved: ConfigSnapshot | null = fix.saved === null ? null : savedSchema.parse(fix.saved);
  let progress: FixProgress = fix.progress === null ? { done: 0, addedIds: [] } : progressSchema.parse(fix.progress);
  try {
    if (saved !== null) {
      // An earlier attempt wrote to the router and stopped before finishing: put the rules back.
      throw new RouterProtocolError(`an earlier attempt stopped after ${progress.done} of ${commands.length} commands`);
    }
    const before = await retryOnConnectionLoss(() => readConfigSnapshot({ client: session, user }));
    const fingerprint = configFingerprint(before);
    if (fingerprint !== fix.previewFingerprint) {
      const message =
        "The router's rules changed since the preview; nothing was changed. Re-read the configuration and review the fix again.";
      await db.configFix.update({ where: { id: fix.id }, data: { status: "refused", finishedAt: now(), error: message } });
      await step("config.fix_refused", `failed: rules changed since the preview`, {
        details: { previewFingerprint: fix.previewFingerprint, routerFingerprint: fingerprint },
      });
      await saveConfigSnapshot({ db, routerId: router.id, snapshot: before, now: now() });
      log.warn({ event: "config.fix_refused" }, "rules changed since the preview");
      return { status: "refused", error: message };
    }
    if (before.apiUser && !(before.apiUser.policies.includes("write") && before.apiUser.policies.includes("api"))) {
      const message = `The router's API user ${before.apiUser.name} (group ${before.apiUser.group}) lacks the write policy; nothing was changed.`;
      await db.configFix.update({ where: { id: fix.id }, data: { status: "refused", finishedAt: now(), error: message } });
      await step("config.fix_refused", "failed: no write policy");
      return { status: "refused", error: message };
    }
    saved = before;
    await db.configFix.update({ where: { id: fix.id }, data: { saved: toJson(saved), progress: toJson(progress) } });
    const touched = new Set(touchedIds(commands));
    await step("config.fix_saved", "ok", {
      before: pathsOf(commands).flatMap((p) => rowsOf(before, p).filter((r) => touched.has(r[".id"] ?? ""))),
      details: { paths: pathsOf(commands) },
    });

    for (let index = progress.done; index < commands.length; index++) {
      const command = commands[index]!;
      const line = renderScript([command]).split("\n")[1] ?? "";
      try {
        const rows = await session.run(commandWords(command));
        if (command.op === "add") {
          const ret = parseRow({ path: `${command.path}/add`, row: rows[0] ?? {}, schema: retSchema }).ret;
          progress = { done: index + 1, addedIds: [...progress.addedIds, ret] };
        } else {
          progress = { ...progress, done: index + 1 };
        }
      } catch (error) {
        await step("config.fix_command", `failed: ${actionErrorText({ error: error, log: ctx.log })}`, {
          details: { index, command: line, path: command.path },
        });
        throw error;
      }
      await db.configFix.update({ where: { id: fix.id }, data: { progress: toJson(progress) } });
      await step("config.fix_command", "ok", { details: { index, command: line, path: command.path } });
      await options.hooks?.afterCommand?.(index);
    }

    const after = await retryOnConnectionLoss(() => readConfigSnapshot({ client: session, user }));
    const check = compareReadBack({ before: saved, after, commands, addedIds: progress.addedIds });
    if (!check.ok) {
      await step("config.fix_readback", `failed: ${check.problems.length} difference(s)`, {
        details: { problems: check.problems.slice(0, 20) },
      });
      throw new RouterProtocolError(`read-back does not match the preview: ${check.problems.slice(0, 3).join("; ")}`);
    }
    const appliedAt = now();
    await adoptConfiguration({ ctx, router, snapshot: after, now: appliedAt });
    await db.configFix.update({
      where: { id: fix.id },
      data: { status: "applied", appliedAt, finishedAt: appliedAt, readBack: toJson(after), error: null },
    });
    await step("config.fix_applied", "ok", {
      after: pathsOf(commands).flatMap((p) =>
        rowsOf(after, p).filter((r) => touched.has(r[".id"] ?? "") || progress.addedIds.includes(r[".id"] ?? "")),
      ),
      details: { readBack: "matches the preview", addedIds: progress.addedIds, discovery: "re-run" },
    });
    log.info({ event: "config.fix_applied", commands: commands.length }, "configuration fix applied");
    return { status: "applied" };
  } catch (error) {
    const text = actionErrorText({ error: error, log: ctx.log });
    if (saved === null) {
      // Nothing was written: router trouble retries later; anything else fails the fix as it stands.
      if (transient(error) && !input.finalAttempt) {
        await db.configFix.update({ where: { id: fix.id }, data: { status: "queued", error: `retrying: ${text}` } });
        return { status: "queued", error: text, retry: true };
      }
      await db.configFix.update({
        where: { id: fix.id },
        data: { status: "failed", finishedAt: now(), error: `${text}; nothing was changed` },
      });
      await step("config.fix_failed", `failed: ${text}`, { details: { changed: false } });
      return { status: "failed", error: text };
    }
    return await restoreAfterFailure({
      ctx,
      router,
      fix,
      commands,
      saved,
      progress,
      cause: text,
      finalAttempt: input.finalAttempt,
      step,
      session,
      now,
    });
  } finally {
    await session.close();
  }
}

async function restoreAfterFailure(options: {
  ctx: FixJobContext;
  router: Router;
  fix: ConfigFix;
  commands: FixCommand[];
  saved: ConfigSnapshot;
  progress: FixProgress;
  cause: string;
  finalAttempt: boolean;
  step: (action: string, result: string, extra?: { before?: unknown; after?: unknown; details?: object }) => Promise<void>;
  session: RouterClient & { close(): Promise<void> };
  now: () => Date;
}): Promise<ApplyOutcome> {
  const { ctx, router, fix, saved, step, now } = options;
  const scope = restoreScopeOf({ saved, commands: options.commands, addedIds: options.progress.addedIds });
  ctx.log.warn({ event: "config.fix_restoring", fixId: fix.id, err: options.cause }, "fix failed; restoring the saved rules");
  try {
    const outcome = await retryOnConnectionLoss(() => restoreSaved({ client: options.session, scope, user: router.username }));
    const after = await retryOnConnectionLoss(() => readConfigSnapshot({ client: options.session, user: router.username }));
    await adoptConfiguration({ ctx, router, snapshot: after, now: now() });
    const error = `${options.cause}; the saved rules were restored${outcome.exact ? " exactly" : ` (${outcome.differences.length} other difference(s))`}`;
    await ctx.db.configFix.update({ where: { id: fix.id }, data: { status: "failed", finishedAt: now(), error, readBack: toJson(after) } });
    await step("config.fix_restored", outcome.exact ? "ok" : `ok: ${outcome.differences.length} difference(s) not made by this fix`, {
      details: {
        cause: options.cause,
        commands: renderScript(outcome.commands),
        exact: outcome.exact,
        differences: outcome.differences.slice(0, 20),
      },
    });
    return { status: "failed", error };
  } catch (restoreError) {
    const text = actionErrorText({ error: restoreError, log: ctx.log });
    if (transient(restoreError) && !options.finalAttempt) {
      await ctx.db.configFix.update({ where: { id: fix.id }, data: { error: `${options.cause}; restoring (retrying: ${text})` } });
      return { status: "applying", error: text, retry: true };
    }
    const error = `${options.cause}; restoring the saved rules failed too (${text}). Restore them by hand: compare with the saved rules below.`;
    await ctx.db.configFix.update({ where: { id: fix.id }, data: { status: "restore_failed", finishedAt: now(), error } });
    await step("config.fix_restore_failed", `failed: ${text}`, { details: { cause: options.cause, savedRules: savedRulesScript(scope) } });
    return { status: "restore_failed", error };
  }
}
