import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, LOGIN_POLICY, resolveSession, signIn, signOut, updateUser } from "../../../lib/auth";
import { disconnectDb, getDb } from "../../../lib/db";
import { integrationServices } from "../../support/integration-context";

// Sign-in against Postgres: argon2id hashes, sessions stored as token hashes, rate limiting, revocation.
const services = integrationServices();
const email = (n: string) => `${n}-${services.queuePrefix}@auth.test`;
const password = "a long enough password";
let adminId = 0;
let userId = 0;
const db = () => getDb();
let t = Date.UTC(2026, 10, 29, 9, 0, 0);
const now = () => new Date((t += 1000));

beforeAll(async () => {
  adminId = (await createUser({ ctx: { db: db() }, input: { email: email("admin"), name: "A", role: "admin", password } })).id;
  userId = (await createUser({ ctx: { db: db() }, input: { email: email("op"), name: "O", role: "operator", password } })).id;
});

afterAll(async () => {
  await db().user.deleteMany({ where: { email: { endsWith: `${services.queuePrefix}@auth.test` } } });
  await db().loginAttempt.deleteMany({ where: { key: { contains: `${services.queuePrefix}@auth.test` } } });
  await disconnectDb();
});

describe("sign-in", () => {
  it("stores an argon2id hash, never the password, and only the session token's hash", async () => {
    const row = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(password);
    const result = await signIn({ ctx: { db: db() }, input: { email: email("OP").toUpperCase(), password, ip: "10.9.9.1", now: now() } });
    expect(result.user).toMatchObject({ id: userId, role: "operator" });
    expect(await db().userSession.count({ where: { tokenHash: result.token } })).toBe(0);
    const session = await resolveSession({ ctx: { db: db() }, input: { token: result.token, now: now() } });
    expect(session?.user.id).toBe(userId);
    expect(session?.csrfToken).toBe(result.csrfToken);
    await signOut({ ctx: { db: db() }, input: { token: result.token } });
    expect(await resolveSession({ ctx: { db: db() }, input: { token: result.token, now: now() } })).toBeNull();
  });

  it("counts concurrent guesses atomically: 40 at once on one account get exactly 5 password checks", async () => {
    const at = new Date((t += 60_000));
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () =>
        signIn({ ctx: { db: db() }, input: { email: email("admin"), password: "wrong password!", ip: "10.9.8.1", now: at } }),
      ),
    );
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "signed_in"));
    expect(codes.filter((c) => c === "unauthenticated")).toHaveLength(LOGIN_POLICY.pair.free);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(40 - LOGIN_POLICY.pair.free);
  });

  it("backs off the guessing address, doubling, while the account's owner elsewhere signs in at once", async () => {
    const at = t;
    const attempt = (ms: number, ip: string, pw: string) =>
      signIn({ ctx: { db: db() }, input: { email: email("admin"), password: pw, ip, now: new Date(at + ms) } });
    // The owner, from another address, is not locked out by someone else's failures.
    await expect(attempt(0, "10.9.8.200", password)).resolves.toMatchObject({ user: { id: adminId } });
    await expect(attempt(0, "10.9.8.1", "wrong password!")).rejects.toMatchObject({ code: "rate_limited", message: /Try again in 1 s/ });
    await expect(attempt(1_000, "10.9.8.1", "wrong password!")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(attempt(2_500, "10.9.8.1", "wrong password!")).rejects.toMatchObject({
      code: "rate_limited",
      message: /Try again in 1 s/,
    });
    await expect(attempt(3_000, "10.9.8.1", "wrong password!")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(attempt(3_000, "10.9.8.1", "wrong password!")).rejects.toMatchObject({
      code: "rate_limited",
      message: /Try again in 4 s/,
    });
    t = at + 60_000;
  });

  it("guesses spread over many addresses slow the account down by at most a minute", async () => {
    const at = (t += 60_000);
    const op = (ip: string, pw: string, ms = 0) =>
      signIn({ ctx: { db: db() }, input: { email: email("op"), password: pw, ip, now: new Date(at + ms) } });
    for (let i = 0; i < LOGIN_POLICY.account.free; i++)
      await expect(op(`10.7.0.${i}`, "wrong password!")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(op("10.7.1.1", password)).rejects.toMatchObject({ code: "rate_limited", message: /Try again in 1 s/ });
    await expect(op("10.7.1.1", password, 1_000)).resolves.toMatchObject({ user: { id: userId } });
    // Past the cap the delay stops growing: a minute, never the old fifteen-minute lock.
    let ms = 2_000;
    for (let i = 0; i < LOGIN_POLICY.account.free; i++) await op(`10.7.2.${i}`, "wrong password!", ms).catch(() => undefined);
    for (const delay of [1, 2, 4, 8, 16, 32, 60, 60, 60]) {
      ms += delay * 1000;
      await expect(op(`10.7.4.${delay}`, "wrong password!", ms)).rejects.toMatchObject({ code: "unauthenticated" });
    }
    await expect(op("10.7.3.1", password, ms + 59_000)).rejects.toMatchObject({ code: "rate_limited", message: /Try again in 1 s/ });
    await expect(op("10.7.3.1", password, ms + 60_000)).resolves.toMatchObject({ user: { id: userId } });
    t = at + ms + 120_000;
  });

  it("a disabled user cannot sign in and loses open sessions; a password reset ends sessions", async () => {
    const first = await signIn({ ctx: { db: db() }, input: { email: email("op"), password, ip: "10.9.7.1", now: now() } });
    await updateUser({ ctx: { db: db() }, input: { change: "disabled", userId, disabled: "true" }, byUserId: adminId });
    expect(await resolveSession({ ctx: { db: db() }, input: { token: first.token, now: now() } })).toBeNull();
    await expect(signIn({ ctx: { db: db() }, input: { email: email("op"), password, ip: "10.9.7.1", now: now() } })).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await updateUser({ ctx: { db: db() }, input: { change: "disabled", userId, disabled: "false" }, byUserId: adminId });
    const second = await signIn({ ctx: { db: db() }, input: { email: email("op"), password, ip: "10.9.7.1", now: now() } });
    await updateUser({ ctx: { db: db() }, input: { change: "password", userId, password: "another long password" }, byUserId: adminId });
    expect(await resolveSession({ ctx: { db: db() }, input: { token: second.token, now: now() } })).toBeNull();
    await expect(
      updateUser({ ctx: { db: db() }, input: { change: "role", userId: adminId, role: "viewer" }, byUserId: adminId }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("an expired or idle session is refused", async () => {
    const result = await signIn({ ctx: { db: db() }, input: { email: email("admin"), password, ip: "10.9.6.1", now: now() } });
    expect(await resolveSession({ ctx: { db: db() }, input: { token: result.token, now: new Date(t + 13 * 3600_000) } })).toBeNull();
  });
});
