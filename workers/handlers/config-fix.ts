import { applyConfigFix } from "../../lib/config-audit/apply-fix";
import { checkAppliedFixes } from "../../lib/config-audit/check-fixes";
import { rollbackConfigFix } from "../../lib/config-audit/rollback-fix";
import { ServiceUnavailableError } from "../../lib/errors";
import { jobContracts } from "../../lib/jobs";
import type { JobHandler, WorkerContext } from "../registry-types";

// Configuration fixes: the ConfigFix row says what to do; the payload is its id only. An outcome that
// asks for a retry (router trouble before writing, or a restore cut short) is thrown so BullMQ backs off.

const fixContext = (ctx: WorkerContext) => ({
  db: ctx.db,
  secretKey: ctx.secretKey,
  log: ctx.log,
  commandTimeoutMs: ctx.settings.POLL_TIMEOUT_MS,
});

export const handleConfigApplyFix: JobHandler<"config.apply-fix"> = async ({ ctx, payload, attempt }) => {
  const finalAttempt = attempt >= (jobContracts["config.apply-fix"].options.attempts ?? 1);
  const outcome = await applyConfigFix({ ctx: fixContext(ctx), input: { fixId: payload.fixId, finalAttempt } });
  if (outcome.retry) throw new ServiceUnavailableError(outcome.error ?? "router trouble");
  return outcome;
};

export const handleConfigRollbackFix: JobHandler<"config.rollback-fix"> = async ({ ctx, payload, attempt }) => {
  const finalAttempt = attempt >= (jobContracts["config.rollback-fix"].options.attempts ?? 1);
  const outcome = await rollbackConfigFix({ ctx: fixContext(ctx), input: { fixId: payload.fixId, finalAttempt } });
  if (outcome.retry) throw new ServiceUnavailableError(outcome.error ?? "router trouble");
  return outcome;
};

export const handleConfigCheckFixes: JobHandler<"config.check-fixes"> = async ({ ctx }) =>
  checkAppliedFixes({ db: ctx.db, now: new Date(), log: ctx.log });
