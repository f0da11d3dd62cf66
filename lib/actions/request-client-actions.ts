import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";
import type { Logger } from "pino";
import { wanListsOf } from "../metrics/wan-lists";
import type { Db } from "../db";
import { ValidationError, NotFoundError, toAppError } from "../errors";
import { enqueueJob, type JobName } from "../jobs";
import type { QueueHandle } from "../queue/backend";
import type { Actor, SignedInUser } from "../auth/roles";

// The web side of an action: validate, record every action of the request as a pending ClientAction
// in one transaction, then enqueue one job per action carrying only its id. A queue that fails part-way
// loses nothing: the rows stay pending and sweepClientActions re-sends them (the job id dedupes). The
// worker does the router writes (run-client-action.ts).

export const JOB_FOR_KIND = {
  move: "client.move",
  pin: "client.pin",
  unpin: "client.unpin",
  resolve_dual: "client.resolve-dual",
} as const satisfies Record<string, JobName>;

const address = z
  .string()
  .trim()
  .refine((v) => isIP(v) === 4, "must be an IPv4 address");
const list = z.string().trim().min(1).max(100);

export const clientActionInput = z
  .object({
    kind: z.enum(["move", "pin", "unpin", "resolve_dual"]),
    routerId: z.coerce.number().int().positive(),
    items: z
      .array(z.object({ address, targetList: list.optional() }).strict())
      .min(1)
      .max(500),
    dropConnections: z.boolean().default(false),
  })
  .strict();

export type ClientActionInput = z.input<typeof clientActionInput>;

export const clientActionJobId = (actionId: number): string => `client-action-${actionId}`;

export async function requestClientActions({
  ctx,
  input,
  user,
}: {
  ctx: { db: Db; queue: QueueHandle; log?: Logger };
  input: ClientActionInput;
  user: Actor | SignedInUser;
}): Promise<{ batchId: string; actionIds: number[]; queued: boolean }> {
  const parsed = clientActionInput.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      "invalid action",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  const { kind, routerId, items, dropConnections } = parsed.data;
  const router = await ctx.db.router.findUnique({ where: { id: routerId }, include: { wans: true } });
  if (!router) throw new NotFoundError("router");
  if (!router.enabled) throw new ValidationError("This router is disabled; enable it before acting on its clients.");
  const wanLists = wanListsOf(router.wans);
  const resolved = await Promise.all(
    items.map(async (item) => {
      // pin/unpin without a list act on the list the client is on now.
      const current = await ctx.db.client.findUnique({
        where: { routerId_address: { routerId, address: item.address } },
        select: { lists: true },
      });
      const targetList = item.targetList ?? current?.lists.find((l) => wanLists.includes(l));
      if (!targetList || !wanLists.includes(targetList))
        throw new ValidationError(`${item.address}: choose one of this router's WAN lists (${wanLists.join(", ")})`);
      return { address: item.address, targetList };
    }),
  );
  const batchId = randomUUID();
  const actions = await ctx.db.clientAction.createManyAndReturn({
    data: resolved.map((item) => ({
      routerId,
      address: item.address,
      kind,
      targetList: item.targetList,
      dropConnections,
      requestedBy: user.id,
      requestedByToken: "tokenId" in user ? (user.tokenId ?? null) : null,
      batchId: items.length > 1 ? batchId : null,
    })),
    select: { id: true },
  });
  const actionIds = actions.map((a) => a.id).sort((a, b) => a - b);
  const queued = await enqueueActions({ queue: ctx.queue, kind, actionIds, log: ctx.log });
  return { batchId, actionIds, queued };
}

/** Enqueue each action's job; on a queue error stop and leave the rest pending for the sweep. */
async function enqueueActions(options: { queue: QueueHandle; kind: keyof typeof JOB_FOR_KIND; actionIds: number[]; log?: Logger }) {
  for (const actionId of options.actionIds) {
    try {
      // The job id is the action's, so a double submit or a re-send never runs it twice at once.
      await enqueueJob({
        queue: options.queue,
        name: JOB_FOR_KIND[options.kind],
        payload: { actionId },
        jobId: clientActionJobId(actionId),
      });
    } catch (error) {
      options.log?.warn(
        { event: "client.action_enqueue_failed", actionId, pending: options.actionIds.length, err: toAppError(error).message },
        "could not queue client actions; the sweep re-sends them",
      );
      return false;
    }
  }
  return true;
}
