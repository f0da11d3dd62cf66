import type { Logger } from "pino";
import { writeAudit } from "../actions/write-audit";
import type { Db } from "../db";
import type { Router } from "../db/generated/client";
import { routerConnectionSettings } from "../routers/router-connection";
import { RouterTimeoutError, RouterUnreachableError } from "../routeros/errors";
import { RouterSession } from "../routeros/session";

// What the fix jobs share: a short-lived API session of their own (logged out when the job ends, so the
// worker that owns the router's polling session is not disturbed), the audit rows of each step, and
// retrying a router read or restore across a dropped connection.

export type FixJobContext = { db: Db; secretKey: Buffer; log: Logger; commandTimeoutMs?: number };

export function openFixSession(ctx: FixJobContext, router: Router): RouterSession {
  return new RouterSession({
    ...routerConnectionSettings(router, ctx.secretKey),
    routerId: String(router.id),
    commandTimeoutMs: ctx.commandTimeoutMs ?? 10_000,
    connectTimeoutMs: ctx.commandTimeoutMs ?? 10_000,
    // Writes are never repeated by the session; a restore re-reads and decides again instead.
    retryLostReads: true,
    backoff: { baseMs: 250, capMs: 2_000 },
    maxInFlight: 1,
    logger: ctx.log,
  });
}

export async function fixAuditor(ctx: { db: Db }, userId: number | null) {
  const user = userId === null ? null : await ctx.db.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  const who = user ?? { id: userId, email: userId === null ? "system" : `user#${userId}` };
  return (input: {
    action: string;
    routerId: number;
    fixId: number;
    result: string;
    before?: unknown;
    after?: unknown;
    details?: object;
  }) =>
    writeAudit({
      ctx: { db: ctx.db },
      input: {
        user: who,
        action: input.action,
        routerId: input.routerId,
        before: input.before,
        after: input.after,
        result: input.result,
        details: { fixId: input.fixId, ...input.details },
      },
    });
}

/** A dropped or silent connection: worth another try once the session has reconnected. */
export function transient(error: unknown): boolean {
  return error instanceof RouterUnreachableError || error instanceof RouterTimeoutError;
}

/** Run `work` again (up to `tries`) when the connection drops under it; the session reconnects with backoff. */
export async function retryOnConnectionLoss<T>(work: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!transient(error) || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}
