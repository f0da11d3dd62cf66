// Benchmark of the simulator's API server over TCP against the real router model (sim/model): a
// 7.19 router running the seed's rules, with 10,000 address-list entries and 100,000 tracked
// connections its own rules classified. Prints figures only; it never passes or fails.
// Run: npx tsx bench/sim-protocol.ts

import os from "node:os";
import { performance } from "node:perf_hooks";
import { RouterOSAPI } from "node-routeros";
import { open, testRouter } from "../sim/testing/test-router";
import { startApiServer } from "../sim/protocol/api-server";
import { rawSession, type RawReply } from "./sim-raw-client";

const RUNS = 50;
const CLIENTS = 10_000;
const CONNECTIONS = 100_000;
const LIST_PROPLIST = "=.proplist=.id,address,timeout,dynamic,disabled,creation-time";
const machine = `cpus=${os.cpus().length} node=${process.version}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(label: string, run: () => Promise<unknown>, between?: () => void): Promise<void> {
  for (let warm = 0; warm < 5; warm += 1) await run();
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    between?.();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${percentile(times, 100).toFixed(2)} ms (${RUNS} runs) ${machine}`,
  );
}

function expectRows(reply: RawReply, rows: number): void {
  if (reply.rows !== rows) throw new Error(`got ${reply.rows} rows, expected ${rows}`);
}

async function main(): Promise<void> {
  console.log(`${machine} (${os.cpus()[0]?.model ?? "unknown"})`);
  const router = testRouter({ version: "7.19", file: "seed-nth-v7.rsc" });
  const built = performance.now();
  // every client's first connection lists it (odd or even): 10,000 dynamic entries with timeouts
  for (let i = 0; i < CONNECTIONS; i += 1) open(router, 0xc0a80002 + (i % CLIENTS));
  const lists = router.dataplane.lists.size;
  const marks = router.dataplane.conns.countsByMark();
  console.log(
    `model: ${router.dataplane.conns.size} connections ${JSON.stringify(marks)}, ${lists} list entries, built in ${(performance.now() - built).toFixed(0)} ms`,
  );
  const odd = marks["odd"] ?? 0;
  const server = await startApiServer({ router, port: 0 });
  const session = { port: server.port, user: router.user, password: router.password };
  const raw = await rawSession(session);
  const newConnection = (): void => void open(router, 0xc0a80002 + Math.floor(Math.random() * CLIENTS));

  console.log("\n-- raw TCP client (whole request in one write, TCP_NODELAY): server latency --");
  await measure(`print ${lists} address-list entries, .proplist of 6`, async () =>
    expectRows(await raw.call(["/ip/firewall/address-list/print", LIST_PROPLIST]), lists),
  );
  await measure("print one list (?list=odd), .proplist of 6", () =>
    raw.call(["/ip/firewall/address-list/print", "?list=odd", LIST_PROPLIST]),
  );
  const countOdd = async (): Promise<void> => {
    const reply = await raw.call(["/ip/firewall/connection/print", "=count-only=", "?connection-mark=odd"]);
    if (reply.ret === undefined || Number(reply.ret) < odd) throw new Error(`wrong count ${reply.ret}`);
  };
  await measure(`count-only over ${CONNECTIONS} connections, ?connection-mark=odd (index)`, countOdd);
  await measure(`count-only, ?connection-mark=odd, one new connection before each`, countOdd, newConnection);
  await measure("count-only, ?-connection-mark (index)", () =>
    raw.call(["/ip/firewall/connection/print", "=count-only=", "?-connection-mark"]),
  );
  await measure("count-only, no query", () => raw.call(["/ip/firewall/connection/print", "=count-only="]));
  // A query the index cannot answer: the generic path formats rows once, then walks them.
  const generic = ["/ip/firewall/connection/print", "=count-only=", "?connection-mark=odd", "?protocol=tcp"];
  let started = performance.now();
  await raw.call(generic);
  console.log(
    `count-only, ?connection-mark=odd ?protocol=tcp (generic), first (formats every row): ${(performance.now() - started).toFixed(0)} ms ${machine}`,
  );
  await measure("count-only, ?connection-mark=odd ?protocol=tcp (generic), rows cached", () => raw.call(generic));
  await measure(
    "count-only, ?connection-mark=odd ?protocol=tcp (generic), one new connection before each",
    () => raw.call(generic),
    newConnection,
  );
  started = performance.now();
  const whole = await raw.call(["/ip/firewall/connection/print"]);
  console.log(
    `print the whole connection table (${whole.rows} rows, the poller never does): ${(performance.now() - started).toFixed(0)} ms ${machine}`,
  );
  raw.close();

  // node-routeros writes each word separately with Nagle on, so a request waits for the server's
  // delayed ACK (~40 ms on Linux); the second run turns Nagle off on its socket to show the difference.
  const api = new RouterOSAPI({ host: "127.0.0.1", port: server.port, user: router.user, password: router.password, timeout: 30 });
  await api.connect();
  for (const noDelay of [false, true]) {
    if (noDelay) (api as unknown as { connector: { socket: { setNoDelay(on: boolean): void } } }).connector.socket.setNoDelay(true);
    console.log(`\n-- node-routeros ${noDelay ? "with socket.setNoDelay(true)" : "as shipped"} (includes its own parsing) --`);
    await measure(`print ${lists} address-list entries, .proplist of 6`, async () => {
      const rows = await api.write("/ip/firewall/address-list/print", [LIST_PROPLIST]);
      if (rows.length !== lists) throw new Error(`got ${rows.length} rows`);
    });
    await measure("print one list (?list=odd), .proplist of 6", () =>
      api.write("/ip/firewall/address-list/print", ["?list=odd", LIST_PROPLIST]),
    );
    await measure(`count-only over ${CONNECTIONS} connections, ?connection-mark=odd`, async () => {
      const [reply] = await api.write("/ip/firewall/connection/print", ["=count-only=", "?connection-mark=odd"]);
      if (Number((reply as { ret?: string }).ret) < odd) throw new Error("wrong count");
    });
    await measure("count-only, no query", () => api.write("/ip/firewall/connection/print", ["=count-only="]));
  }
  await api.close();
  await server.close();
}

await main();
