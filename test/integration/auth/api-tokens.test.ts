import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateToken, createApiToken, createUser, listApiTokens, revokeApiToken } from "../../../lib/auth";
import { disconnectDb, getDb } from "../../../lib/db";
import { integrationServices } from "../../support/integration-context";

// API tokens against Postgres: stored hashed, refused when unknown, revoked, expired or under-scoped,
// rate-limited per token and minute, last use recorded, creation and revocation audited.
const services = integrationServices();
const db = () => getDb();
const tag = services.queuePrefix;
let t = Date.UTC(2026, 11, 3, 9, 0, 0);
const now = () => new Date((t += 1000));
let admin = { id: 0, email: "" };

const auth = (token: string | null, needed: "metrics" | "viewer" | "operator" | "admin", ratePerMin = 100) =>
  authenticateToken({ db: db(), authorization: token === null ? null : `Bearer ${token}`, needed, ip: "10.1.2.3", now: now(), ratePerMin });

beforeAll(async () => {
  const user = await createUser({
    ctx: { db: db() },
    input: { email: `admin-${tag}@tokens.test`, name: "A", role: "admin", password: "a long enough password" },
  });
  admin = { id: user.id, email: user.email };
});

afterAll(async () => {
  await db().apiToken.deleteMany({ where: { name: { startsWith: tag } } });
  await db().user.deleteMany({ where: { email: { endsWith: `${tag}@tokens.test` } } });
  await disconnectDb();
});

describe("API tokens", () => {
  it("are shown once and stored only as a hash; creation is audited", async () => {
    const { token, row } = await createApiToken({ db: db(), input: { name: `${tag}-ci`, scope: "operator" }, by: admin, now: now() });
    expect(token).toMatch(/^wsk_[A-Za-z0-9_-]{43}$/);
    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: row.id } });
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    expect(stored.prefix).toBe(token.slice(4, 12));
    const audit = await db().auditEntry.findFirst({ where: { action: "api_token.create", userId: admin.id }, orderBy: { id: "desc" } });
    expect(audit?.after).toMatchObject({ name: `${tag}-ci`, scope: "operator" });
    expect(JSON.stringify({ ...audit, id: String(audit?.id) })).not.toContain(token.slice(4));
    await expect(createApiToken({ db: db(), input: { name: `${tag}-ci`, scope: "viewer" }, by: admin, now: now() })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("authenticate with the scope they have or a lower one, and record their last use", async () => {
    const { token, row } = await createApiToken({ db: db(), input: { name: `${tag}-op`, scope: "operator" }, by: admin, now: now() });
    await expect(auth(token, "viewer")).resolves.toMatchObject({ tokenId: row.id, scope: "operator" });
    await expect(auth(token, "metrics")).resolves.toMatchObject({ tokenId: row.id });
    await expect(auth(token, "operator")).resolves.toMatchObject({ tokenId: row.id });
    await expect(auth(token, "admin")).rejects.toMatchObject({ code: "forbidden" });
    const used = await db().apiToken.findUniqueOrThrow({ where: { id: row.id } });
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.lastUsedIp).toBe("10.1.2.3");
  });

  it("a metrics token may only scrape", async () => {
    const { token } = await createApiToken({ db: db(), input: { name: `${tag}-prom`, scope: "metrics" }, by: admin, now: now() });
    await expect(auth(token, "metrics")).resolves.toMatchObject({ scope: "metrics" });
    await expect(auth(token, "viewer")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("refuse a missing, malformed, unknown, revoked or expired token", async () => {
    await expect(auth(null, "viewer")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(auth("not-a-token", "viewer")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(auth(`wsk_${"A".repeat(43)}`, "viewer")).rejects.toMatchObject({ code: "unauthenticated" });
    const revoked = await createApiToken({ db: db(), input: { name: `${tag}-rev`, scope: "admin" }, by: admin, now: now() });
    await expect(auth(revoked.token, "admin")).resolves.toBeTruthy();
    expect(await revokeApiToken({ db: db(), id: revoked.row.id, by: admin, now: now() })).toEqual({ changed: true });
    expect(await revokeApiToken({ db: db(), id: revoked.row.id, by: admin, now: now() })).toEqual({ changed: false });
    await expect(auth(revoked.token, "viewer")).rejects.toMatchObject({
      code: "unauthenticated",
      publicMessage: "The API token was revoked",
    });
    const expiring = await createApiToken({
      db: db(),
      input: { name: `${tag}-exp`, scope: "viewer", expiresAt: new Date(t + 5000) },
      by: admin,
      now: now(),
    });
    await expect(auth(expiring.token, "viewer")).resolves.toBeTruthy();
    t += 10_000;
    await expect(auth(expiring.token, "viewer")).rejects.toMatchObject({
      code: "unauthenticated",
      publicMessage: "The API token has expired",
    });
    await expect(
      createApiToken({ db: db(), input: { name: `${tag}-past`, scope: "viewer", expiresAt: new Date(t - 1) }, by: admin, now: now() }),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
    const listed = await listApiTokens({ db: db() });
    expect(listed.find((r) => r.id === revoked.row.id)?.revokedAt).not.toBeNull();
  });

  it("are rate-limited per token and minute, with the wait in the error", async () => {
    const a = await createApiToken({ db: db(), input: { name: `${tag}-rl-a`, scope: "viewer" }, by: admin, now: now() });
    const b = await createApiToken({ db: db(), input: { name: `${tag}-rl-b`, scope: "viewer" }, by: admin, now: now() });
    t = Math.ceil(t / 60_000) * 60_000; // the start of a minute window
    const at = (sec: number) => new Date(t + sec * 1000);
    const call = (token: string, sec: number) =>
      authenticateToken({ db: db(), authorization: `Bearer ${token}`, needed: "viewer", ip: "10.1.2.3", now: at(sec), ratePerMin: 3 });
    for (let i = 0; i < 3; i++) await expect(call(a.token, i)).resolves.toBeTruthy();
    await expect(call(a.token, 10)).rejects.toMatchObject({ code: "rate_limited", retryAfterSec: 50 });
    await expect(call(b.token, 10)).resolves.toBeTruthy(); // another token has its own budget
    await expect(call(a.token, 61)).resolves.toBeTruthy(); // the next minute starts afresh
    expect(await db().apiRateWindow.count({ where: { tokenId: a.row.id } })).toBe(1); // old windows are dropped
    t += 120_000;
  });
});
