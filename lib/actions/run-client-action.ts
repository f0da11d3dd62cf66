import type { Logger } from "pino";
import type { Db } from "../db";
import type { Prisma } from "../db/generated/client";
import { wanListsOf } from "../metrics/wan-lists";
import { ActionUnverifiedError, newErrorId, NotFoundError, toAppError } from "../errors";
import { routerConnectionSettings } from "../routers/router-connection";
import { clip, readListTimeout, RouterTrapError, type RouterSessionManager } from "../routeros";
import { applyMembership, membershipMatches, readMembership, type MembershipPlan } from "./apply-membership";
import { writeAudit } from "./write-audit";
import type { Actor } from "../auth/roles";

export type ActionsContext = { db: Db; sessions: RouterSessionManager; secretKey: Buffer; log: Logger };

/**
 * What an action's row may say of a failure, for the operator's page: a router's own words (clipped),
 * or our typed error's public message. Anything else is logged with an id and shown only as that id.
 */
export function actionErrorText(options: { error: unknown; log: Logger }): string {
  const { error, log } = options;
  if (error instanceof RouterTrapError) return `router said: ${clip(error.trapMessage)}`;
  const appError = toAppError(error);
  if (appError.code.startsWith("router_")) return clip(appError.message, 300);
  if (appError.code !== "internal") return clip(appError.publicMessage, 300);
  const errorId = newErrorId();
  log.error({ event: "client.action_error", errorId, err: appError.message }, "client action failed with an internal error");
  return `internal error, id ${errorId}`;
}

/** The user or API token that asked for the action, as its audit row names it. */
async function requesterOf(options: { db: Db; action: { requestedBy: number | null; requestedByToken: number | null } }): Promise<Actor> {
  const { db, action } = options;
  if (action.requestedBy !== null) {
    const user = await db.user.findUnique({ where: { id: action.requestedBy }, select: { id: true, email: true } });
    return user ?? { id: action.requestedBy, email: `user#${action.requestedBy}` };
  }
  const tokenId = action.requestedByToken ?? 0;
  const token = await db.apiToken.findUnique({ where: { id: tokenId }, select: { name: true } });
  return { id: null, email: `token:${token?.name ?? `#${tokenId}`}`, tokenId };
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/**
 * Run one client action (move, pin, unpin, resolve_dual) against its router: read the client's entries,
 * apply the plan, read back and verify, record status, before/after and an audit entry. Safe to run
 * again (a retried or duplicated job): the plan is idempotent and the outcome is re-verified.
 */
export async function runClientAction({
  ctx,
  input,
}: {
  ctx: ActionsContext;
  input: { actionId: number; attempt: number; finalAttempt: boolean };
}): Promise<{ status: "done" | "failed" | "retry"; error?: string }> {
  const action = await ctx.db.clientAction.findUnique({ where: { id: input.actionId } });
  if (!action) throw new NotFoundError(`client action ${input.actionId}`);
  const router = await ctx.db.router.findUnique({ where: { id: action.routerId }, include: { wans: { orderBy: { position: "asc" } } } });
  const who = await requesterOf({ db: ctx.db, action });
  const log = ctx.log.child({ routerId: action.routerId, actionId: action.id, kind: action.kind });
  await ctx.db.clientAction.update({ where: { id: action.id }, data: { status: "running", startedAt: new Date(), error: null } });

  const wanLists = wanListsOf(router?.wans ?? []);
  let before: unknown = null;
  try {
    if (!router) throw new NotFoundError("router");
    if (!action.targetList || !wanLists.includes(action.targetList))
      throw new NotFoundError(`WAN list ${action.targetList ?? "(none)"} on this router`);
    const session = ctx.sessions.get(String(router.id), routerConnectionSettings(router, ctx.secretKey));
    const membership = await readMembership({ client: session, address: action.address, wanLists });
    before = membership;
    const pinned = action.kind === "pin";
    const timeoutSeconds = pinned ? null : await readListTimeout({ client: session, list: action.targetList });
    const plan: MembershipPlan = {
      address: action.address,
      wanLists,
      targetList: action.targetList,
      pinned,
      timeoutSeconds,
      dropConnections: action.dropConnections,
    };
    const applied = await applyMembership({ client: session, plan });
    const after = await readMembership({ client: session, address: action.address, wanLists });
    if (!membershipMatches(after, plan))
      throw new ActionUnverifiedError(
        `the router did not read back as planned: the client is on ${clip(after.map((m) => `${m.list}${m.dynamic ? "" : " (static)"}`).join(", ") || "no list")}`,
      );
    await ctx.db.clientAction.update({
      where: { id: action.id },
      data: { status: "done", finishedAt: new Date(), before: json(membership), after: json(after), error: null },
    });
    await writeAudit({
      ctx,
      input: {
        user: who,
        action: `client.${action.kind}`,
        routerId: router.id,
        clientAddress: action.address,
        before: membership,
        after,
        result: "ok",
        details: {
          actionId: action.id,
          targetList: action.targetList,
          pinned,
          timeoutSeconds,
          ...applied,
          attempt: input.attempt,
          batchId: action.batchId,
        },
      },
    });
    log.info({ event: "client.moved", targetList: action.targetList, ...applied }, "client action done");
    return { status: "done" };
  } catch (error) {
    const text = actionErrorText({ error, log });
    const retry = toAppError(error).retryable && !input.finalAttempt;
    await ctx.db.clientAction.update({
      where: { id: action.id },
      data: retry
        ? { status: "pending", error: `retrying: ${text}` }
        : { status: "failed", finishedAt: new Date(), error: text, before: before === null ? undefined : json(before) },
    });
    if (!retry)
      await writeAudit({
        ctx,
        input: {
          user: who,
          action: `client.${action.kind}`,
          routerId: action.routerId,
          clientAddress: action.address,
          before,
          after: null,
          result: `failed: ${text}`,
          details: { actionId: action.id, targetList: action.targetList, attempt: input.attempt, batchId: action.batchId },
        },
      });
    log.warn({ event: "client.action_failed", err: text, retry }, "client action failed");
    return { status: retry ? "retry" : "failed", error: text };
  }
}
