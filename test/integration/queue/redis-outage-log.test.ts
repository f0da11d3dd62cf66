import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { integrationServices, useOwnDatabase } from "../../support/integration-context";
import { startWorkerProcess, waitFor } from "../../support/worker-process";
import type { TestDatabase } from "../../support/services";

// A worker whose Redis goes away: while it retries, its output stays structured JSON, one rate-limited
// `queue.unavailable` line instead of raw multi-line `Error: connect ECONNREFUSED` blocks per retry.
// The Redis is this test's own redis-server on a free loopback port, so it can be stopped.
const services = integrationServices();
const skip = !services.redisUrl;
let redis: ChildProcess | undefined;
let database: TestDatabase | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

afterAll(async () => {
  redis?.kill("SIGKILL");
  await database?.drop();
});

describe.skipIf(skip)("Redis outage while a worker runs", () => {
  it("logs one structured line per kind of error, not a raw block per retry", async () => {
    database = await useOwnDatabase();
    const port = await freePort();
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const url = `redis://127.0.0.1:${port}`;
    await waitFor(async () => (await fetchPing(port)) || null, { timeoutMs: 20_000, what: "the test's redis-server" });
    const worker = startWorkerProcess({ databaseUrl: database.url, redisUrl: url, queuePrefix: `${services.queuePrefix}_outage` });
    try {
      await waitFor(async () => worker.output.some((l) => l.includes('"event":"worker.started"')), {
        timeoutMs: 60_000,
        what: "worker start",
      });
      const startedAt = worker.output.length;
      redis.kill("SIGKILL");
      await waitFor(async () => worker.output.some((l) => l.includes('"event":"queue.unavailable"')), {
        timeoutMs: 30_000,
        what: "the outage line",
      });
      // Several seconds of reconnect attempts (ioredis retries every few hundred ms).
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const during = worker.output.slice(startedAt);
      const notJson = during.filter((l) => l.trim() !== "" && !isJson(l));
      expect(notJson).toEqual([]);
      const errorLines = during.filter((l) => l.includes('"level":50'));
      expect(errorLines.length).toBeGreaterThan(0);
      // One line per kind of error per 30 s (ECONNREFUSED; perhaps a "connection closed" first).
      expect(errorLines.length).toBeLessThanOrEqual(3);
      expect(errorLines.every((l) => l.includes('"event":"queue.unavailable"'))).toBe(true);
    } finally {
      await worker.stop();
    }
  });
});

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

async function fetchPing(port: number): Promise<boolean> {
  const { Redis } = await import("ioredis");
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
