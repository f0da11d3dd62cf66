// Benchmark of the simulator's API protocol layer through a real client (node-routeros) over TCP.
// Prints figures only; it never passes or fails. Run: npx tsx bench/sim-protocol.ts

import os from "node:os";
import { performance } from "node:perf_hooks";
import { connect } from "node:net";
import { RouterOSAPI } from "node-routeros";
import { encodeSentence, SentenceDecoder } from "@/sim/protocol/word-codec";
import { startApiServer } from "@/sim/protocol/api-server";
import { createFixtureRouter } from "@/test/factories/sim-router-fixture";

const RUNS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  for (let warm = 0; warm < 5; warm += 1) await run();
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (${RUNS} runs)`);
}

/** Minimal client: one write per request, Nagle off; measures the server, not a library's parser. */
async function rawClient(port: number): Promise<{ call(words: string[]): Promise<number>; close(): void }> {
  const socket = connect({ host: "127.0.0.1", port });
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.setNoDelay(true);
  const decoder = new SentenceDecoder();
  let waiting: ((rows: number) => void) | undefined;
  let rows = 0;
  socket.on("data", (chunk: Buffer) => {
    for (const sentence of decoder.push(chunk)) {
      if (sentence[0] === "!re") rows += 1;
      if (sentence[0] === "!done") {
        waiting?.(rows);
        rows = 0;
      }
    }
  });
  const call = (words: string[]): Promise<number> =>
    new Promise((resolve) => {
      waiting = resolve;
      socket.write(encodeSentence(words));
    });
  await call(["/login", "=name=admin", "=password=secret"]);
  return { call, close: () => socket.destroy() };
}

async function main(): Promise<void> {
  const router = createFixtureRouter();
  router.fillAddressList(10_000);
  router.fillConnections(100_000);
  const server = await startApiServer({ router, port: 0 });
  const api = new RouterOSAPI({ host: "127.0.0.1", port: server.port, user: "admin", password: "secret", timeout: 30 });
  await api.connect();

  console.log(`cpus: ${os.cpus().length} (${os.cpus()[0]?.model ?? "unknown"}), node ${process.version}`);

  console.log("\n-- raw TCP client (whole request in one write, TCP_NODELAY): server latency --");
  const raw = await rawClient(server.port);
  await measure("print 10,000 address-list entries, .proplist of 6", async () => {
    const rows = await raw.call(["/ip/firewall/address-list/print", "=.proplist=.id,address,timeout,dynamic,disabled,creation-time"]);
    if (rows !== 10_000) throw new Error(`got ${rows} rows`);
  });
  await measure("count-only over 100,000 connections, ?connection-mark=odd_conn", () =>
    raw.call(["/ip/firewall/connection/print", "=count-only=", "?connection-mark=odd_conn"]),
  );
  raw.close();

  // node-routeros writes each word separately with Nagle on, so a request waits for the server's
  // delayed ACK (~40 ms on Linux); the second run turns Nagle off on its socket to show the difference.
  for (const noDelay of [false, true]) {
    if (noDelay) (api as unknown as { connector: { socket: { setNoDelay(on: boolean): void } } }).connector.socket.setNoDelay(true);
    console.log(`\n-- node-routeros ${noDelay ? "with TCP_NODELAY on its socket" : "as shipped"} --`);
    await measureLibrary(api);
  }
  await api.close();
  await server.close();
}

async function measureLibrary(api: RouterOSAPI): Promise<void> {
  await measure("print 10,000 address-list entries, .proplist of 6", async () => {
    const rows = await api.write("/ip/firewall/address-list/print", [
      "=.proplist=.id,address,timeout,dynamic,disabled,creation-time",
    ]);
    if (rows.length !== 10_000) throw new Error(`got ${rows.length} rows`);
  });
  await measure("print one list (5,000 of 10,000 entries), ?list=odd", async () => {
    await api.write("/ip/firewall/address-list/print", ["?list=odd", "=.proplist=.id,address,timeout"]);
  });
  await measure("count-only over 100,000 connections, ?connection-mark=odd_conn", async () => {
    const [reply] = await api.write("/ip/firewall/connection/print", ["=count-only=", "?connection-mark=odd_conn"]);
    if ((reply as { ret?: string }).ret !== "50000") throw new Error("wrong count");
  });
  await measure("count-only over 100,000 connections, no query", async () => {
    await api.write("/ip/firewall/connection/print", ["=count-only="]);
  });
}

await main();
