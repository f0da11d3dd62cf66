import type { Db } from "../db";
import { hashToken, newToken, SESSION_TTL_MS } from "./session-token";

/** A new server-side session; returns the token for the cookie (only its hash is stored). */
export async function createSession({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: { userId: number; now: Date };
}): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(input.now.getTime() + SESSION_TTL_MS);
  await ctx.db.userSession.create({
    data: { tokenHash: hashToken(token), userId: input.userId, csrfToken, expiresAt, lastSeenAt: input.now },
  });
  return { token, csrfToken, expiresAt };
}
