import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { integrationServices } from "../../support/integration-context";

integrationServices();

// A configured Postgres or Redis that is down must produce a sentence an operator can act on and a
// non-zero exit, never a stack trace. Port 1 on loopback has nothing listening.
function runDemo(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "bin/demo.ts"], {
    env: { ...process.env, ...env, LOG_LEVEL: "silent", WANSCOPE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("start-up against services that are down", () => {
  it("names the Postgres it could not reach and how to fix it", () => {
    const result = runDemo({ DATABASE_URL: "postgresql://wanscope:secret-pw@127.0.0.1:1/wanscope" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Postgres at 127.0.0.1:1/wanscope (from DATABASE_URL) cannot be reached");
    expect(result.stderr).toContain("unset DATABASE_URL to use WANscope's embedded Postgres");
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr + result.stdout).not.toContain("secret-pw");
  });

  it("names the Redis it could not reach and how to fix it", () => {
    const result = runDemo({ DATABASE_URL: process.env.DATABASE_URL ?? "", REDIS_URL: "redis://127.0.0.1:1" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Redis at 127.0.0.1:1 (from REDIS_URL) cannot be reached");
    expect(result.stderr).toContain("unset REDIS_URL to run the queue on Postgres");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects a malformed setting with the variable's name", () => {
    const result = runDemo({ DATABASE_URL: "mysql://nope", POLL_INTERVAL_SEC: "fast" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: must start with postgres://");
    expect(result.stderr).toContain("POLL_INTERVAL_SEC");
  });
});
