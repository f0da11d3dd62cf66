// `npm run bench`: run the benchmarks one after another; each prints its own figures. The quick set
// runs by default; `npm run bench -- --all` adds the long ones (a generated 1,000-router database,
// 200 simulated routers for a minute, 500 routers polled for ten minutes per queue backend).
import { spawnSync } from "node:child_process";

const quick = [["bench/poll-wire.ts"], ["bench/db-statement-cost.ts"], ["bench/sim-protocol.ts"], ["bench/config-audit.ts"]];
const long = [
  ["bench/sim-fleet.ts", "--serve"],
  ["bench/poller-fleet.ts", "--routers", "500", "--minutes", "10", "--backend", "both"],
  ["bench/dashboard-render.ts"],
  ["bench/dual-listing-race.ts"],
];

const runs = process.argv.includes("--all") ? [...quick, ...long] : quick;
for (const [script, ...args] of runs) {
  process.stdout.write(`\n=== ${script} ${args.join(" ")}\n`);
  const result = spawnSync(process.execPath, ["--import", "tsx", script!, ...args], { stdio: "inherit" });
  if (result.status !== 0) process.stdout.write(`(${script} exited with ${result.status})\n`);
}
if (!process.argv.includes("--all"))
  process.stdout.write(`\nLong benchmarks: npm run bench -- --all (${long.map((l) => l[0]).join(", ")})\n`);
