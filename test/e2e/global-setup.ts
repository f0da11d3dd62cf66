import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { randomBytes } from "node:crypto";
import { createUser } from "../../lib/auth";
import { disconnectDb, getDb } from "../../lib/db/client";
import { createTestDatabase, findAdminPostgres } from "../support/services";
import { TEST_SECRET_KEY } from "../support/worker-process";
import { startNextServer } from "./next-server";

// A production server on a free port with a fresh database; torn down (and the database dropped)
// when the run ends. The base URL reaches the test workers through process.env. Three users are made
// (admin, operator, viewer) and the admin signed in through the real login route: that session is
// every spec's storageState, so specs that do not care about sign-in run as an admin.
export const STORAGE_STATE = ".cache/e2e-auth/admin.json";

export default async function globalSetup(): Promise<() => Promise<void>> {
  const postgres = await findAdminPostgres();
  const database = await createTestDatabase({ adminUrl: postgres.adminUrl });
  // The web server, the spec's workers and its routers share one key and one queue namespace.
  process.env.WANSCOPE_SECRET_KEY = TEST_SECRET_KEY.toString("base64");
  process.env.QUEUE_PREFIX = `e2e_${randomBytes(3).toString("hex")}`;
  delete process.env.REDIS_URL;
  process.env.DATABASE_URL = database.url;
  for (const role of ["admin", "operator", "viewer"] as const) {
    const password = randomBytes(12).toString("base64url");
    await createUser({ ctx: { db: getDb() }, input: { email: `${role}@e2e.test`, name: `E2E ${role}`, role, password } });
    process.env[`E2E_${role.toUpperCase()}_PASSWORD`] = password;
  }
  await disconnectDb();
  const web = await startNextServer({ databaseUrl: database.url, name: "e2e-web" });
  process.env.E2E_BASE_URL = web.baseUrl;
  process.env.E2E_DATABASE_URL = database.url;
  await signIn({ baseUrl: web.baseUrl, email: "admin@e2e.test", password: process.env.E2E_ADMIN_PASSWORD!, file: STORAGE_STATE });
  return async () => {
    await web.stop();
    await database.drop();
    await postgres.stop();
  };
}

async function signIn(options: { baseUrl: string; email: string; password: string; file: string }): Promise<void> {
  const response = await fetch(`${options.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: options.baseUrl },
    body: JSON.stringify({ email: options.email, password: options.password }),
  });
  if (!response.ok) throw new Error(`e2e sign-in failed: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("wanscope_session="));
  if (!cookie) throw new Error("e2e sign-in set no session cookie");
  const host = new URL(options.baseUrl).hostname;
  const value = cookie.slice("wanscope_session=".length);
  mkdirSync(dirname(options.file), { recursive: true });
  writeFileSync(
    options.file,
    JSON.stringify({
      cookies: [
        {
          name: "wanscope_session",
          value,
          domain: host,
          path: "/",
          expires: Math.floor(Date.now() / 1000) + 86_400,
          httpOnly: true,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    }),
  );
}
