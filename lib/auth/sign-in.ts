import { z } from "zod";
import type { Db } from "../db";
import { UnauthenticatedError, ValidationError } from "../errors";
import { claimLoginAttempt, markLoginSucceeded } from "./login-throttle";
import { createSession } from "./create-session";
import { dummyHash, verifyPassword } from "./password";
import type { Role, SignedInUser } from "./roles";

// Sign-in with throttling by client address and account (login-throttle.ts, docs/adr/0010).

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
  ip: z.string().max(100).default("unknown"),
});

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
  const { attemptIds } = await claimLoginAttempt({ db: ctx.db, input: { email, address: ip, now: input.now } });
  const user = await ctx.db.user.findUnique({ where: { email } });
  const ok = await verifyPassword({ hash: user?.passwordHash ?? (await dummyHash()), password });
  const success = Boolean(user && ok && !user.disabled);
  if (success) await markLoginSucceeded({ db: ctx.db, attemptIds });
  if (!user || !success) throw new UnauthenticatedError("Wrong email or password, or the account is disabled.");
  const session = await createSession({ ctx, input: { userId: user.id, now: input.now } });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role as Role }, ...session };
}
