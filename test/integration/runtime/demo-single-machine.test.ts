import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnManaged, stopManaged, type ManagedChild } from "../../../lib/cli/child-process";
import { integrationServices } from "../../support/integration-context";
import { waitFor } from "../../support/worker-process";

integrationServices();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

// `npm run demo` with nothing configured: embedded Postgres, the queue on Postgres, a simulated fleet,
// the worker and the production dashboard, all from one command.
describe("the demo on a machine with only Node", () => {
  // Inside the checkout: as root, the embedded Postgres runs as "postgres", which cannot enter /tmp/x 0700.
  mkdirSync(".cache", { recursive: true });
  const dir = mkdtempSync(join(".cache", "demo-test-"));
  chmodSync(dir, 0o755);
  let demo: ManagedChild | undefined;
  const output: string[] = [];
  afterAll(async () => {
    if (demo) await stopManaged({ managed: demo, graceMs: 20_000 });
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    "serves the dashboard with the simulated routers, polled, on embedded Postgres and the Postgres queue",
    { timeout: 360_000 },
    async () => {
      const [pgPort, webPort] = [await freePort(), await freePort()];
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        EMBEDDED_PG_DIR: join(dir, "pg"),
        EMBEDDED_PG_PORT: String(pgPort),
        PORT: String(webPort),
        HOST: "127.0.0.1",
        WANSCOPE_SECRET_KEY_FILE: join(dir, "key"),
        LOG_LEVEL: "warn",
        POLL_INTERVAL_SEC: "2",
      };
      delete env.DATABASE_URL;
      delete env.REDIS_URL;
      delete env.WANSCOPE_SECRET_KEY;
      demo = spawnManaged({
        name: "demo",
        command: process.execPath,
        args: ["--import", "tsx", "bin/demo.ts", "--fleet", "test/fixtures/small-fleet.yaml"],
        env,
        quiet: true,
        onLine: (l) => output.push(l),
      });
      await waitFor(
        async () => {
          if (demo?.child.exitCode !== null) throw new Error(`the demo exited with ${demo?.child.exitCode}`);
          return output.some((l) => l.includes("dashboard ready"));
        },
        { timeoutMs: 240_000, what: "the demo to be ready" },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; its output:\n${output.join("\n")}`);
      });
      expect(output.join("\n")).toContain("generated one and keeps it in");
      expect(output.join("\n")).toContain("database: embedded Postgres");
      expect(output.join("\n")).toContain("queue: BullMQ on PostgreSQL");

      // Demo users are made on first start and their passwords printed on every start; sign in as the admin.
      const admin = /sign in as (admin@wanscope\.demo) \(admin\) with password (\S+)/.exec(output.join("\n"));
      expect(admin).not.toBeNull();
      expect(output.join("\n")).toMatch(/sign in as operator@wanscope\.demo \(operator\) with password \S+/);
      expect(output.join("\n")).toMatch(/sign in as viewer@wanscope\.demo \(viewer\) with password \S+/);
      const base = `http://127.0.0.1:${webPort}`;
      expect((await fetch(`${base}/status`, { redirect: "manual" })).status).toBe(307);
      const login = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ email: admin![1], password: admin![2] }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(";")[0]!)
        .find((c) => c.startsWith("wanscope_session="))!;
      const signedIn = (url: string) => fetch(url, { headers: { cookie } });
      const status = await (await signedIn(`${base}/status`)).text();
      expect(status).toContain("Embedded PostgreSQL");
      expect(status).toContain("BullMQ on PostgreSQL");
      // The worker polls the simulated routers: the fleet page lists them as ok.
      await waitFor(
        async () => {
          const html = await (await signedIn(base)).text();
          return html.includes("test-gw-a") && html.includes("test-gw-b") && !html.includes(">unknown<");
        },
        { timeoutMs: 60_000, what: "both simulated routers to be polled" },
      );

      const child = demo;
      demo = undefined;
      await stopManaged({ managed: child, graceMs: 20_000 });
      expect(child.child.exitCode).toBe(0);
    },
  );
});
