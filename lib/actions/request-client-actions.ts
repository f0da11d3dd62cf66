import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";
import type { Db } from "../db";
import { ValidationError, NotFoundError } from "../errors";
import { enqueueJob, type JobName } from "../jobs";
import type { QueueHandle } from "../queue/backend";
import type { Actor, SignedInUser } from "../auth/roles";

// The web side of an action: validate, record each as a pending ClientAction, enqueue one job per
// client carrying only the action's id. The worker does the router writes (run-client-action.ts).

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

export async function requestClientActions({
  ctx,
  input,
  user,
}: {
  ctx: { db: Db; queue: QueueHandle };
  input: ClientActionInput;
  user: Actor | SignedInUser;
}): Promise<{ batchId: string; actionIds: number[] }> {
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
  const wanLists = router.wans.map((w) => w.addressList).filter((l): l is string => Boolean(l));
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
  const actionIds: number[] = [];
  for (const item of resolved) {
    const action = await ctx.db.clientAction.create({
      data: {
        routerId,
        address: item.address,
        kind,
        targetList: item.targetList,
        dropConnections,
        requestedBy: user.id,
        requestedByToken: "tokenId" in user ? (user.tokenId ?? null) : null,
        batchId: items.length > 1 ? batchId : null,
      },
    });
    actionIds.push(action.id);
    // The job id is the action's, so a double submit of the same action never runs it twice at once.
    await enqueueJob({ queue: ctx.queue, name: JOB_FOR_KIND[kind], payload: { actionId: action.id }, jobId: `client-action-${action.id}` });
  }
  return { batchId, actionIds };
}
