import { createServer } from "node:net";
import { createRequire } from "node:module";
import { createTestDatabase, findAdminPostgres } from "../support/services";
import { spawnManaged, stopManaged } from "../../lib/runtime/child-process";
import { waitForHttp } from "../../lib/runtime/wait-for-http";

// A production server on a free port with a fresh database; torn down (and the database dropped)
// when the run ends. The base URL reaches the test workers through process.env.
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const postgres = await findAdminPostgres();
  const database = await createTestDatabase({ adminUrl: postgres.adminUrl });
  const port = await freePort();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const web = spawnManaged({
    name: "e2e-web",
    command: process.execPath,
    args: [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "production", LOG_LEVEL: "warn" },
    quiet: true,
  });
  await waitForHttp(`http://127.0.0.1:${port}/status`, 60_000);
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.E2E_DATABASE_URL = database.url;
  return async () => {
    await stopManaged(web);
    await database.drop();
    await postgres.stop();
  };
}
