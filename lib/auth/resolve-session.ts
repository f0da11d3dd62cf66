import type { Db } from "../db";
import { epochMs, Prisma } from "../db/sql";
import type { Role, SignedInUser } from "./roles";
import { hashToken, SESSION_IDLE_MS } from "./session-token";

type SessionRow = {
  csrf_token: string;
  expires_ms: number;
  last_seen_ms: number;
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
};

export type ResolvedSession = { user: SignedInUser; csrfToken: string; tokenHash: string };

/**
 * The user behind a session token, or null when the session is unknown, expired, idle too long or
 * its user is disabled. lastSeenAt is written at most once a minute to keep page loads read-only.
 */
export async function resolveSession({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { token: string; now: Date };
}): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(input.token);
  // Raw: this runs on every page and API request; as a Prisma include it was two queries.
  const [row] = await ctx.db.$queryRaw<SessionRow[]>`
    SELECT s.csrf_token, ${epochMs(Prisma.sql`s.expires_at`)} AS expires_ms, ${epochMs(Prisma.sql`s.last_seen_at`)} AS last_seen_ms,
           u.id, u.email, u.name, u.role::text AS role, u.disabled
    FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ${tokenHash}`;
  if (!row) return null;
  const now = input.now.getTime();
  if (row.expires_ms <= now || now - row.last_seen_ms > SESSION_IDLE_MS || row.disabled) {
    await ctx.db.userSession.deleteMany({ where: { tokenHash } });
    return null;
  }
  if (now - row.last_seen_ms > 60_000) await ctx.db.userSession.updateMany({ where: { tokenHash }, data: { lastSeenAt: input.now } });
  return { user: { id: row.id, email: row.email, name: row.name, role: row.role }, csrfToken: row.csrf_token, tokenHash };
}
