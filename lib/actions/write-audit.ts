import type { Db } from "../db";
import type { Prisma } from "../db/generated/client";
import type { Actor } from "../auth/roles";

export type AuditInput = {
  user: Actor;
  action: string;
  routerId?: number | null;
  clientAddress?: string | null;
  before?: unknown;
  after?: unknown;
  /** "ok", "failed: <router's message>", "requested", ... */
  result: string;
  details?: unknown;
  at?: Date;
};

const json = (v: unknown): Prisma.InputJsonValue | undefined =>
  v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

/** One audit row: who, when, what, on which router and client, before and after, and how it ended. */
export async function writeAudit({ ctx, input }: { ctx: { db: Db }; input: AuditInput }): Promise<void> {
  await ctx.db.auditEntry.create({
    data: {
      at: input.at ?? new Date(),
      userId: input.user.id,
      apiTokenId: input.user.tokenId ?? null,
      userEmail: input.user.email,
      action: input.action,
      routerId: input.routerId ?? null,
      clientAddress: input.clientAddress ?? null,
      before: json(input.before),
      after: json(input.after),
      result: input.result.slice(0, 500),
      details: json(input.details),
    },
  });
}
