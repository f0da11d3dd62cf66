import { z } from "zod";
import type { Db } from "../db";
import { RateLimitedError, UnauthenticatedError, ValidationError } from "../errors";
import { createSession } from "./create-session";
import { dummyHash, verifyPassword } from "./password";
import type { Role, SignedInUser } from "./roles";

// Five failed attempts per email (since its last success) or twenty per client address in fifteen
// minutes lock further attempts out until the window moves on. Kept in Postgres so every web process sees them.
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
  ip: z.string().max(100).default("unknown"),
});

async function failuresSince(db: Db, key: string, since: Date): Promise<number> {
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { key, success: true, at: { gt: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return db.loginAttempt.count({ where: { key, success: false, at: { gt: lastSuccess?.at ?? since } } });
}

export async function signIn({
  ctx,
  input,
}: {
  ctx: { db: Db };
  input: z.input<typeof signInInput> & { now: Date };
}): Promise<{ user: SignedInUser; token: string; csrfToken: string; expiresAt: Date }> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("Enter an email address and a password.");
  const { email, password, ip } = parsed.data;
  const since = new Date(input.now.getTime() - LOGIN_WINDOW_MS);
  const keys = { email: `email:${email}`, ip: `ip:${ip}` };
  const [byEmail, byIp] = await Promise.all([
    failuresSince(ctx.db, keys.email, since),
    ctx.db.loginAttempt.count({ where: { key: keys.ip, success: false, at: { gt: since } } }),
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP)
    throw new RateLimitedError("Too many failed sign-in attempts. Wait 15 minutes and try again.");

  const user = await ctx.db.user.findUnique({ where: { email } });
  const ok = await verifyPassword({ hash: user?.passwordHash ?? (await dummyHash()), password });
  const success = Boolean(user && ok && !user.disabled);
  await ctx.db.loginAttempt.createMany({ data: [keys.email, keys.ip].map((key) => ({ key, at: input.now, success })) });
  if (!user || !success) throw new UnauthenticatedError("Wrong email or password, or the account is disabled.");
  const session = await createSession({ ctx, input: { userId: user.id, now: input.now } });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role as Role }, ...session };
}
