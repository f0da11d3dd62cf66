import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, MAX_FAILURES_PER_EMAIL, resolveSession, signIn, signOut, updateUser } from "../../../lib/auth";
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

  it("locks an email out after five failures, even with the right password, until the window passes", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await expect(
        signIn({ ctx: { db: db() }, input: { email: email("admin"), password: "wrong password!", ip: `10.9.8.${i}`, now: now() } }),
      ).rejects.toMatchObject({ code: "unauthenticated" });
    }
    await expect(
      signIn({ ctx: { db: db() }, input: { email: email("admin"), password, ip: "10.9.8.200", now: now() } }),
    ).rejects.toMatchObject({ code: "rate_limited" });
    t += 16 * 60_000;
    await expect(
      signIn({ ctx: { db: db() }, input: { email: email("admin"), password, ip: "10.9.8.200", now: now() } }),
    ).resolves.toMatchObject({ user: { id: adminId } });
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
