import { z } from "zod";
import { writeAudit } from "../actions/write-audit";
import type { SignedInUser } from "../auth/roles";
import type { Db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { enqueueJob } from "../jobs";
import type { QueueHandle } from "../queue/backend";
import { auditRouter } from "./audit-router";
import { findingCodeSchema, toJson } from "./fix-record";
import { renderScript } from "./render-script";
import { findFix } from "./run-audit";

// An admin asks for a fix: the server audits the stored configuration again, finds the same finding and
// option, checks it is the configuration the admin reviewed (its fingerprint), records the exact commands
// of that preview and enqueues the job. The browser never sends commands, only which fix it means.

export const ACTIVE_FIX_STATUSES = ["queued", "applying", "rolling_back"] as const;

export const requestFixInput = z
  .object({
    routerId: z.coerce.number().int().positive(),
    code: findingCodeSchema,
    subject: z.string().max(255).default(""),
    option: z.string().min(1).max(64),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "the preview's fingerprint"),
  })
  .strict();
export type RequestFixInput = z.input<typeof requestFixInput>;

export async function requestConfigFix(options: {
  ctx: { db: Db; queue: QueueHandle };
  input: RequestFixInput;
  user: SignedInUser;
  now?: Date;
}): Promise<{ fixId: number }> {
  const { db } = options.ctx;
  if (options.user.role !== "admin") throw new ForbiddenError("only admins apply configuration fixes");
  const parsed = requestFixInput.safeParse(options.input);
  if (!parsed.success)
    throw new ValidationError(
      "invalid fix request",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  const input = parsed.data;
  const router = await db.router.findUnique({ where: { id: input.routerId }, select: { id: true, enabled: true } });
  if (!router) throw new NotFoundError("router");
  if (!router.enabled) throw new ValidationError("This router is disabled; enable it before changing its configuration.");
  const audit = await auditRouter({ db, routerId: input.routerId, now: options.now ?? new Date() });
  if (!audit) throw new NotFoundError("configuration of this router (it has not been read yet)");
  if (audit.config.fingerprint !== input.fingerprint)
    throw new ConflictError("The configuration was read again since this preview; review the fix as it is now.");
  const found = findFix(audit.report, { code: input.code, subject: input.subject, option: input.option });
  if (!found) throw new NotFoundError("this fix (the finding is gone from the current audit)");
  if (audit.report.canWrite === false)
    throw new ValidationError(
      `The router's API user ${audit.config.snapshot.apiUser?.name ?? ""} lacks the write policy (group ${audit.config.snapshot.apiUser?.group ?? "?"}); WANscope cannot change its rules.`,
    );
  const fix = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM routers WHERE id = ${input.routerId} FOR UPDATE`;
    const active = await tx.configFix.findFirst({ where: { routerId: input.routerId, status: { in: [...ACTIVE_FIX_STATUSES] } } });
    if (active) throw new ConflictError(`Fix #${active.id} is still ${active.status} on this router; wait for it to finish.`);
    return tx.configFix.create({
      data: {
        routerId: input.routerId,
        findingCode: input.code,
        findingSubject: input.subject,
        option: input.option,
        title: found.fix.title.slice(0, 300),
        script: renderScript(found.fix.commands),
        commands: toJson(found.fix.commands),
        touches: toJson(found.fix.touches),
        expectation: toJson(found.fix.expectation),
        previewFingerprint: input.fingerprint,
        requestedBy: options.user.id,
      },
    });
  });
  await writeAudit({
    ctx: { db },
    input: {
      user: options.user,
      action: "config.fix_requested",
      routerId: input.routerId,
      result: "requested",
      details: {
        fixId: fix.id,
        finding: input.code,
        subject: input.subject,
        option: input.option,
        script: fix.script,
        fingerprint: input.fingerprint,
      },
    },
  });
  await enqueueJob({ queue: options.ctx.queue, name: "config.apply-fix", payload: { fixId: fix.id }, jobId: `config-fix-${fix.id}` });
  return { fixId: fix.id };
}

export async function requestConfigRollback(options: {
  ctx: { db: Db; queue: QueueHandle };
  input: { fixId: number };
  user: SignedInUser;
}): Promise<void> {
  const { db } = options.ctx;
  if (options.user.role !== "admin") throw new ForbiddenError("only admins roll back configuration fixes");
  const fix = await db.configFix.findUnique({ where: { id: options.input.fixId } });
  if (!fix) throw new NotFoundError("fix");
  const { count } = await db.configFix.updateMany({
    where: { id: fix.id, status: "applied" },
    data: { status: "rolling_back", rollbackRequestedBy: options.user.id, rollbackRequestedAt: new Date(), error: null },
  });
  if (count === 0) throw new ConflictError(`Fix #${fix.id} is ${fix.status}; only an applied fix can be rolled back.`);
  await writeAudit({
    ctx: { db },
    input: {
      user: options.user,
      action: "config.rollback_requested",
      routerId: fix.routerId,
      result: "requested",
      details: { fixId: fix.id },
    },
  });
  await enqueueJob({
    queue: options.ctx.queue,
    name: "config.rollback-fix",
    payload: { fixId: fix.id },
    jobId: `config-rollback-${fix.id}`,
  });
}
