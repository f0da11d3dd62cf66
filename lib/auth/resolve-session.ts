import type { Db } from "../db";
import type { Role, SignedInUser } from "./roles";
import { hashToken, SESSION_IDLE_MS } from "./session-token";

export type ResolvedSession = { user: SignedInUser; csrfToken: string; tokenHash: string };

/**
 * The user behind a session token, or null when the session is unknown, expired, idle too long or
 * its user is disabled. lastSeenAt is written at most once a minute to keep page loads read-only.
 */
export async function resolveSession({ ctx, input }: { ctx: { db: Db }; input: { token: string; now: Date } }): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(input.token);
  const row = await ctx.db.userSession.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!row) return null;
  const now = input.now.getTime();
  if (row.expiresAt.getTime() <= now || now - row.lastSeenAt.getTime() > SESSION_IDLE_MS || row.user.disabled) {
    await ctx.db.userSession.deleteMany({ where: { tokenHash } });
    return null;
  }
  if (now - row.lastSeenAt.getTime() > 60_000) await ctx.db.userSession.updateMany({ where: { tokenHash }, data: { lastSeenAt: input.now } });
  return { user: { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role as Role }, csrfToken: row.csrfToken, tokenHash };
}
