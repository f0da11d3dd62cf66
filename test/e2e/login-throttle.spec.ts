import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { createUser } from "../../lib/auth";
import { disconnectDb, getDb } from "../../lib/db/client";

// Sign-in throttling against the production server, from two loopback source addresses: it keys on
// the socket's address, never on an X-Forwarded-For the client made up (no TRUST_PROXY here), and one
// address's failures do not lock the account's owner out elsewhere.
const suffix = Math.random().toString(16).slice(2, 8);
const email = `throttle-${suffix}@e2e.test`;
const password = "a long enough password";

test.beforeAll(async () => {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  await createUser({ ctx: { db: getDb() }, input: { email, name: "Throttle", role: "viewer", password } });
});

test.afterAll(async () => {
  await getDb().user.deleteMany({ where: { email } });
  await getDb().loginAttempt.deleteMany({ where: { key: { contains: email } } });
  await disconnectDb();
});

function login(options: { baseUrl: string; from: string; password: string; forwardedFor?: string }): Promise<number> {
  const url = new URL("/api/auth/login", options.baseUrl);
  const body = JSON.stringify({ email, password: options.password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: options.from,
        headers: {
          "content-type": "application/json",
          origin: options.baseUrl,
          ...(options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("failures from one address back that address off, whatever X-Forwarded-For says; the owner elsewhere signs in", async ({
  baseURL,
}) => {
  const baseUrl = baseURL!;
  for (let i = 0; i < 5; i++)
    expect(await login({ baseUrl, from: "127.0.0.1", password: "wrong password!", forwardedFor: `198.51.100.${i}` })).toBe(401);
  // A fresh forged header does not make a fresh client: this address waits, even with the right password.
  expect(await login({ baseUrl, from: "127.0.0.1", password, forwardedFor: "198.51.100.99" })).toBe(429);
  // The same account from another address is not locked out by those failures.
  expect(await login({ baseUrl, from: "127.0.0.2", password })).toBe(200);
});
