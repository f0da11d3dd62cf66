// npx tsx bench/sim-fleet.ts [--routers 200] [--clients 500] [--seconds 60] [--serve]
// Runs a fleet in real time and prints CPU seconds per wall second, event-loop lag, memory and load;
// then times a count-only-style walk over 100,000 tracked connections.
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { compileQuery } from "../sim/protocol/compile-query";
import { Fleet } from "../sim/fleet";
import { open, testRouter } from "../sim/engine/test-router";

const { values } = parseArgs({ options: { routers: { type: "string" }, clients: { type: "string" }, seconds: { type: "string" }, serve: { type: "boolean" } } });
const routers = Number(values.routers ?? 200);
const clients = Number(values.clients ?? 500);
const seconds = Number(values.seconds ?? 60);

console.log(`cpus=${os.cpus().length} node=${process.version} routers=${routers} clients/router=${clients} seconds=${seconds} serve=${values.serve ?? false}`);
const startBuild = performance.now();
const fleet = await Fleet.start({
  seed: 1,
  routers: Array.from({ length: routers }, (_, i) => ({ name: `gw-${i + 1}`, version: i % 2 ? "7.19" : "6.49", clients, listVisibilityDelayMs: 30 })),
  serve: values.serve ? { basePort: 0 } : false,
});
console.log(`built in ${((performance.now() - startBuild) / 1000).toFixed(1)} s, pending events ${fleet.clock.pending}`);

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
fleet.startRealTime();
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const sim0 = fleet.clock.now();
let lastCpu = cpu0;
let lastWall = wall0;
const newTotal = (): number => fleet.routers.reduce((s, r) => s + r.router.dataplane.newStats.total, 0);
let lastNew = newTotal();
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const used = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1e6;
    const n = newTotal();
    const conns = fleet.routers.reduce((s, r) => s + r.router.dataplane.conns.size, 0);
    console.log(
      `t=${((wall - wall0) / 1000).toFixed(0)}s cpu/wall=${(used / ((wall - lastWall) / 1000)).toFixed(2)} new/s=${Math.round((n - lastNew) / ((wall - lastWall) / 1000))} conns=${conns} events=${fleet.clock.pending} rss=${Math.round(process.memoryUsage().rss / 1e6)}MB lag.p99=${(lag.percentile(99) / 1e6).toFixed(1)}ms`,
    );
    lastCpu = cpu;
    lastWall = wall;
    lastNew = n;
    if (wall - wall0 >= seconds * 1000) {
      clearInterval(timer);
      resolve();
    }
  }, 10_000);
});
const cpu = process.cpuUsage(cpu0);
const wall = (performance.now() - wall0) / 1000;
const simSeconds = (fleet.clock.now() - sim0) / 1000;
console.log(`RESULT cpu-seconds/wall-second=${((cpu.user + cpu.system) / 1e6 / wall).toFixed(2)} sim/wall=${(simSeconds / wall).toFixed(3)} lag.mean=${(lag.mean / 1e6).toFixed(1)}ms lag.p99=${(lag.percentile(99) / 1e6).toFixed(1)}ms lag.max=${(lag.max / 1e6).toFixed(1)}ms heap=${Math.round(process.memoryUsage().heapUsed / 1e6)}MB rss=${Math.round(process.memoryUsage().rss / 1e6)}MB cpus=${os.cpus().length}`);
await fleet.close();

// count-only over 100,000 tracked connections: the router's print plus the protocol layer's query filter
const big = testRouter();
for (let i = 0; i < 100_000; i++) open(big, 0xc0a80000 + 2 + (i % 500));
const menu = big.menu("/ip/firewall/connection")!;
const filter = compileQuery(["connection-mark=odd"]);
const time = (label: string): void => {
  const t0 = performance.now();
  const rows = menu.print({ stats: false, detail: false });
  let count = 0;
  for (const row of rows) if (!filter || filter(row)) count++;
  console.log(`${label}: ${(performance.now() - t0).toFixed(2)} ms (${count} of ${rows.length}) cpus=${os.cpus().length}`);
};
time("count-only 100k, first print (formats every row)");
time("count-only 100k, cached");
open(big, 0xc0a80002);
time("count-only 100k, after one new connection");
