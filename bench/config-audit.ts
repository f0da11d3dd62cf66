// What the configuration audit costs. On the router: the commands and bytes of one configuration read
// (what a poll adds every 15 minutes), for the seed and for PCC with four WANs and 5,000 clients. In
// WANscope: the CPU time of an audit and of the Configuration tab's work (the audit plus, for every fix,
// a re-audit of the configuration it predicts), median and p95 over repeated runs.
// Run: npx tsx bench/config-audit.ts [runs]

import os from "node:os";
import { pino } from "pino";
import { auditSnapshot, emptyEvidence, previewFix, readConfigSnapshot, type ConfigSnapshot } from "@/lib/config-audit";
import { RouterSession } from "@/lib/routeros";
import { pccExport } from "@/lib/routeros/fixtures/export-rows";
import { Fleet } from "@/sim/fleet";

const RUNS = Number(process.argv[2] ?? 200);

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

function time(work: () => void): { p50: number; p95: number } {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    ms.push(performance.now() - started);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}

async function main(): Promise<void> {
  process.stdout.write(
    `config-audit bench: ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}, ${RUNS} runs\n`,
  );
  const fleet = await Fleet.start({
    seed: 3,
    routers: [
      { name: "seed", version: "6.49", clients: 5_000, listVisibilityDelayMs: 40 },
      { name: "pcc4", version: "7.19", script: pccExport(4, "v7"), clients: 5_000, listVisibilityDelayMs: 0 },
    ],
    serve: { basePort: 0 },
  });
  fleet.advance(5 * 60_000);
  const snapshots: Record<string, ConfigSnapshot> = {};
  try {
    for (const entry of fleet.routers) {
      const session = new RouterSession({
        host: "127.0.0.1",
        port: entry.apiPort!,
        user: entry.user,
        password: entry.password,
        logger: pino({ level: "silent" }),
      });
      await session.connect();
      const before = session.wireStats();
      const started = performance.now();
      snapshots[entry.name] = await readConfigSnapshot({ client: session, user: entry.user });
      const ms = performance.now() - started;
      const after = session.wireStats();
      process.stdout.write(
        `read ${entry.name}: ${after.commands - before.commands} commands, ${after.bytesRead - before.bytesRead + after.bytesWritten - before.bytesWritten} bytes, ${ms.toFixed(1)} ms\n`,
      );
      await session.close();
    }
  } finally {
    await fleet.close();
  }
  const evidence = emptyEvidence({ now: new Date() });
  for (const [name, snapshot] of Object.entries(snapshots)) {
    const report = auditSnapshot({ snapshot, evidence });
    const audit = time(() => auditSnapshot({ snapshot, evidence }));
    const page = time(() => {
      const r = auditSnapshot({ snapshot, evidence });
      for (const f of r.findings)
        for (const fix of f.fixes) previewFix({ snapshot, evidence, report: r, ref: { code: f.code, subject: f.subject, option: fix.id } });
    });
    const fixes = report.findings.reduce((s, f) => s + f.fixes.length, 0);
    process.stdout.write(
      `audit ${name}: ${report.findings.length} findings, ${fixes} fixes · audit p50 ${audit.p50.toFixed(2)} ms p95 ${audit.p95.toFixed(2)} ms · with every fix previewed p50 ${page.p50.toFixed(2)} ms p95 ${page.p95.toFixed(2)} ms\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
