// npx tsx bench/sim-fleet.ts [--routers 200] [--clients 500] [--seconds 60] [--serve] [--poll-seconds 10]
// Runs a fleet in real time and prints this process's CPU seconds per wall second, event-loop lag,
// memory and load. With --serve every router's API and API-SSL servers listen on 127.0.0.1 and a
// poller in a child process (its CPU is not the fleet's) polls each router every --poll-seconds over
// one persistent session, as WANscope's poller does. Figures only; it never passes or fails.
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Fleet } from "../sim/fleet";
import { open, testRouter } from "../sim/testing/test-router";
import { parseRequest } from "../sim/protocol/parse-request";
import { runCommand } from "../sim/protocol/run-command";
import { rawSession, type RawSession } from "./sim-raw-client";

type Target = { name: string; port: number; user: string; password: string };
type PollReport = {
  polls: number;
  commands: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  cpuSeconds: number;
  lastError?: string;
};

const { values } = parseArgs({
  options: {
    routers: { type: "string" },
    clients: { type: "string" },
    seconds: { type: "string" },
    serve: { type: "boolean" },
    "poll-seconds": { type: "string" },
    poller: { type: "boolean" },
  },
});
const machine = `cpus=${os.cpus().length} node=${process.version}`;

if (values.poller) await runPoller();
else await runFleet();

async function runFleet(): Promise<void> {
  const routers = Number(values.routers ?? 200);
  const clients = Number(values.clients ?? 500);
  const seconds = Number(values.seconds ?? 60);
  const pollSeconds = Number(values["poll-seconds"] ?? 10);
  const serve = values.serve ?? false;
  console.log(
    `${machine} routers=${routers} clients/router=${clients} seconds=${seconds} serve=${serve}${serve ? ` poll-every=${pollSeconds}s` : ""}`,
  );
  const cpuBuild = process.cpuUsage();
  const startBuild = performance.now();
  const fleet = await Fleet.start({
    seed: 1,
    routers: Array.from({ length: routers }, (_, i) => ({
      name: `gw-${i + 1}`,
      version: i % 2 ? "7.19" : "6.49",
      clients,
      listVisibilityDelayMs: 30,
    })),
    serve: serve ? { basePort: 0 } : false,
  });
  const buildCpu = process.cpuUsage(cpuBuild);
  const listeners = fleet.routers.reduce((s, r) => s + (r.apiPort ? 1 : 0) + (r.apiSslPort ? 1 : 0), 0);
  console.log(
    `built in ${((performance.now() - startBuild) / 1000).toFixed(1)} s (cpu ${((buildCpu.user + buildCpu.system) / 1e6).toFixed(1)} s), listeners=${listeners}, pending events ${fleet.clock.pending}`,
  );

  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  fleet.startRealTime();
  let poller: ChildProcess | undefined;
  let report: PollReport | undefined;
  if (serve) {
    const targets: Target[] = fleet.routers.map((r) => ({ name: r.name, port: r.apiPort!, user: r.user, password: r.password }));
    poller = fork(fileURLToPath(import.meta.url), ["--poller", "--poll-seconds", String(pollSeconds)], { execArgv: ["--import", "tsx"] });
    poller.on("message", (message) => (report = message as PollReport));
    poller.send(targets);
  }
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const sim0 = fleet.clock.now();
  let lastCpu = cpu0;
  let lastWall = wall0;
  let lagMaxP99 = 0;
  const newTotal = (): number => fleet.routers.reduce((s, r) => s + r.router.dataplane.newStats.total, 0);
  let lastNew = newTotal();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      const used = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1e6;
      const n = newTotal();
      const conns = fleet.routers.reduce((s, r) => s + r.router.dataplane.conns.size, 0);
      const p99 = lag.percentile(99) / 1e6;
      lagMaxP99 = Math.max(lagMaxP99, p99);
      const polled = report
        ? ` polls=${report.polls} poll.p50=${report.p50.toFixed(1)}ms poll.p99=${report.p99.toFixed(1)}ms poll.max=${report.max.toFixed(1)}ms errors=${report.errors}`
        : "";
      console.log(
        `t=${((wall - wall0) / 1000).toFixed(0)}s cpu/wall=${(used / ((wall - lastWall) / 1000)).toFixed(2)} new/s=${Math.round((n - lastNew) / ((wall - lastWall) / 1000))} conns=${conns} events=${fleet.clock.pending} heap=${Math.round(process.memoryUsage().heapUsed / 1e6)}MB rss=${Math.round(process.memoryUsage().rss / 1e6)}MB lag.p99=${p99.toFixed(1)}ms${polled}`,
      );
      lag.reset();
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
  const memory = process.memoryUsage();
  console.log(
    `RESULT fleet: cpu-seconds/wall-second=${((cpu.user + cpu.system) / 1e6 / wall).toFixed(2)} sim/wall=${(simSeconds / wall).toFixed(3)} worst-10s-lag.p99=${lagMaxP99.toFixed(1)}ms heap=${Math.round(memory.heapUsed / 1e6)}MB rss=${Math.round(memory.rss / 1e6)}MB ${machine}`,
  );
  if (report) {
    console.log(
      `RESULT polling (child process): ${report.polls} polls of ${routers} routers, ${report.commands} commands, errors=${report.errors}${report.lastError ? ` (${report.lastError})` : ""}, poll p50=${report.p50.toFixed(1)}ms p99=${report.p99.toFixed(1)}ms max=${report.max.toFixed(1)}ms, poller cpu=${report.cpuSeconds.toFixed(1)}s ${machine}`,
    );
  }
  poller?.kill();
  await fleet.close();
  countOnlyFigures();
}

/** count-only over 100,000 tracked connections in the model, through the protocol layer's runCommand. */
function countOnlyFigures(): void {
  const big = testRouter();
  for (let i = 0; i < 100_000; i++) open(big, 0xc0a80000 + 2 + (i % 500));
  const time = (label: string, words: string[]): void => {
    const t0 = performance.now();
    const reply = runCommand({ router: big, request: parseRequest(["/ip/firewall/connection/print", "=count-only=", ...words]) });
    const ret = reply.kind === "result" ? reply.ret : "?";
    console.log(`${label}: ${(performance.now() - t0).toFixed(2)} ms (=ret=${ret} of ${big.dataplane.conns.size}) ${machine}`);
  };
  time("count-only 100k ?connection-mark=odd (index)", ["?connection-mark=odd"]);
  open(big, 0xc0a80002);
  time("count-only 100k ?connection-mark=odd after one new connection (index)", ["?connection-mark=odd"]);
  time("count-only 100k ?connection-mark=odd ?protocol=tcp (generic, formats every row)", ["?connection-mark=odd", "?protocol=tcp"]);
  time("count-only 100k ?connection-mark=odd ?protocol=tcp (generic, cached)", ["?connection-mark=odd", "?protocol=tcp"]);
  open(big, 0xc0a80002);
  time("count-only 100k ?connection-mark=odd ?protocol=tcp (generic, after one new connection)", ["?connection-mark=odd", "?protocol=tcp"]);
}

/** Child process: one persistent session per router, a poll per router every interval, spread evenly. */
async function runPoller(): Promise<void> {
  const intervalMs = Number(values["poll-seconds"] ?? 10) * 1000;
  const targets = await new Promise<Target[]>((resolve) => process.once("message", (m) => resolve(m as Target[])));
  const sessions: RawSession[] = [];
  for (const target of targets) sessions.push(await rawSession(target));
  const times: number[] = [];
  let commands = 0;
  let errors = 0;
  let lastError: string | undefined;
  const call = async (session: RawSession, words: string[]): Promise<void> => {
    commands++;
    const reply = await session.call(words);
    if (reply.trap !== undefined) {
      errors++;
      lastError = `${words[0]}: ${reply.trap}`;
    }
  };
  // What one WANscope poll reads (see lib/routeros/poll.ts): small, counted router-side.
  const poll = async (session: RawSession): Promise<void> => {
    const started = performance.now();
    try {
      await call(session, ["/system/resource/print"]);
      await call(session, [
        "/interface/print",
        "=stats=",
        "=.proplist=name,running,disabled,rx-byte,tx-byte,rx-packet,tx-packet,link-downs",
      ]);
      await call(session, ["/ip/firewall/connection/tracking/print", "=.proplist=total-entries,max-entries"]);
      for (const query of ["?connection-mark=odd", "?connection-mark=even", "?-connection-mark"]) {
        await call(session, ["/ip/firewall/connection/print", "=count-only=", query]);
      }
      for (const list of ["odd", "even"]) {
        await call(session, [
          "/ip/firewall/address-list/print",
          `?list=${list}`,
          "=.proplist=.id,address,timeout,dynamic,disabled,creation-time",
        ]);
      }
      await call(session, ["/ip/route/print", "?dst-address=0.0.0.0/0"]);
      await call(session, ["/ip/firewall/mangle/print", "=stats=", "?action=mark-connection"]);
    } catch (error) {
      errors++;
      lastError = String(error);
    }
    times.push(performance.now() - started);
  };
  sessions.forEach((session, i) => {
    setTimeout(
      () => {
        void poll(session);
        setInterval(() => void poll(session), intervalMs);
      },
      (i * intervalMs) / sessions.length,
    );
  });
  setInterval(() => {
    const sorted = [...times].sort((a, b) => a - b);
    const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    const cpu = process.cpuUsage();
    const report: PollReport = {
      polls: times.length,
      commands,
      errors,
      p50: at(0.5),
      p99: at(0.99),
      max: sorted[sorted.length - 1] ?? 0,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      lastError,
    };
    process.send?.(report);
  }, 5_000);
}
