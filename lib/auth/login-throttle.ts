import type { Db } from "../db";
import { RateLimitedError } from "../errors";

// Sign-in throttling (docs/adr/0010). Attempts are recorded before the password is checked, under
// advisory locks on their keys, so concurrent guesses count each other. Failures delay the next try:
// per (client address, account) after 5 failures, doubling up to 15 minutes; per account from any
// address after 20 failures, doubling up to 1 minute, so nobody can lock another user out for long;
// per client address a hard limit of 50 failures in 15 minutes. A success clears its account's count.

export const LOGIN_POLICY = {
  windowMs: 15 * 60_000,
  baseDelayMs: 1_000,
  pair: { free: 5, capMs: 15 * 60_000 },
  account: { free: 20, capMs: 60_000 },
  addressMax: 50,
} as const;

/** Delay before the next attempt after `failures` consecutive failures: none while under `free`. */
export function backoffMs(options: { failures: number; free: number; capMs: number; baseMs?: number }): number {
  const over = options.failures - options.free;
  if (over < 0) return 0;
  return Math.min(options.capMs, (options.baseMs ?? LOGIN_POLICY.baseDelayMs) * 2 ** Math.min(over, 30));
}

type Tally = { failures: number; lastFailureMs: number | null };

/**
 * Check the limits for one attempt and, if it may go ahead, record it as a failure right away (the
 * caller marks it a success after the password checked out). Throws RateLimitedError with the wait.
 */
export async function claimLoginAttempt(options: {
  db: Db;
  input: { email: string; address: string; now: Date };
}): Promise<{ attemptIds: bigint[] }> {
  const { db, input } = options;
  const keys = { pair: `pair:${input.address}|${input.email}`, account: `email:${input.email}`, address: `ip:${input.address}` };
  const since = new Date(input.now.getTime() - LOGIN_POLICY.windowMs);
  return db.$transaction(async (tx) => {
    // One lock per key, taken in a fixed order, so concurrent attempts on the same keys queue up.
    for (const key of Object.values(keys).sort()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    const tally = async (key: string, resetOnSuccess: boolean): Promise<Tally> => {
      const [row] = await tx.$queryRaw<{ failures: number; last_ms: number | null }[]>`
        SELECT count(*)::int AS failures, (extract(epoch from max(at)) * 1000)::float8 AS last_ms
        FROM login_attempts a
        WHERE a.key = ${key} AND NOT a.success AND a.at > ${since.toISOString()}::timestamp
          AND (NOT ${resetOnSuccess} OR a.at > coalesce((SELECT max(s.at) FROM login_attempts s WHERE s.key = ${key} AND s.success), '-infinity'))`;
      return { failures: row?.failures ?? 0, lastFailureMs: row?.last_ms ?? null };
    };
    const [pair, account, address] = await Promise.all([tally(keys.pair, true), tally(keys.account, true), tally(keys.address, false)]);
    if (address.failures >= LOGIN_POLICY.addressMax)
      throw new RateLimitedError(
        `Too many failed sign-in attempts from this address. Try again in ${LOGIN_POLICY.windowMs / 60_000} minutes.`,
      );
    const waitMs = Math.max(
      wait({ tally: pair, ...LOGIN_POLICY.pair, now: input.now }),
      wait({ tally: account, ...LOGIN_POLICY.account, now: input.now }),
    );
    if (waitMs > 0) throw new RateLimitedError(`Too many failed sign-in attempts. Try again in ${Math.ceil(waitMs / 1000)} s.`);
    const rows = await tx.loginAttempt.createManyAndReturn({
      data: Object.values(keys).map((key) => ({ key, at: input.now, success: false })),
      select: { id: true },
    });
    return { attemptIds: rows.map((r) => r.id) };
  });
}

function wait(options: { tally: Tally; free: number; capMs: number; now: Date }): number {
  const { tally } = options;
  if (tally.lastFailureMs === null) return 0;
  const delay = backoffMs({ failures: tally.failures, free: options.free, capMs: options.capMs });
  return Math.max(0, tally.lastFailureMs + delay - options.now.getTime());
}

export async function markLoginSucceeded(options: { db: Db; attemptIds: bigint[] }): Promise<void> {
  await options.db.loginAttempt.updateMany({ where: { id: { in: options.attemptIds } }, data: { success: true } });
}
