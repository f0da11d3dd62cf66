// Bytes on the wire and router-side commands for one poll of a router with 5,000 clients and
// 100,000 tracked connections: WANscope's poll (count-only per mark, one list at a time, default
// routes only) next to the naive way (print the whole connection table and group by mark).
// Run: npx tsx bench/poll-wire.ts [clients] [connections]

import os from "node:os";
import { Fleet } from "@/sim/fleet";
import { RouterSession, discoverRouter, pollRouter, readConnectionCounts, type WireStats } from "@/lib/routeros";

const CLIENTS = Number(process.argv[2] ?? 5_000);
const CONNECTIONS = Number(process.argv[3] ?? 100_000);

type Measured = { commands: number; bytesRead: number; bytesWritten: number; ms: number };

async function measure(session: RouterSession, work: () => Promise<unknown>): Promise<Measured> {
  const before: WireStats = session.wireStats();
  const started = performance.now();
  await work();
  const after = session.wireStats();
  return {
    commands: after.commands - before.commands,
    bytesRead: after.bytesRead - before.bytesRead,
    bytesWritten: after.bytesWritten - before.bytesWritten,
    ms: Math.round(performance.now() - started),
  };
}

function fillConnectionTable(fleet: Fleet, target: number): void {
  const entry = fleet.get("bench");
  const { dataplane } = entry.router;
  const clients = entry.population.clients;
  const lan = entry.population.lan;
  const dst = (203 << 24) | (0 << 16) | (113 << 8);
  // Long-lived TCP connections opened by the clients themselves: classified, marked and routed by the
  // router's own mangle rules, like real traffic, only many more of them.
  for (let i = 0; dataplane.conns.size < target; i++) {
    const client = clients[i % clients.length];
    if (!client) break;
    dataplane.openConnection({
      protocol: "tcp",
      src: client.address,
      sport: 10_000 + (i % 50_000),
      dst: (dst | (i % 250)) >>> 0,
      dport: 443,
      lan,
    });
  }
}

async function main(): Promise<void> {
  const fleet = await Fleet.start({
    routers: [{ name: "bench", version: "7.19", clients: CLIENTS, listVisibilityDelayMs: 0 }],
    serve: { basePort: 0 },
    seed: 11,
  });
  try {
    fleet.advance(120_000);
    fillConnectionTable(fleet, CONNECTIONS);
    const entry = fleet.get("bench");
    const session = new RouterSession({
      host: "127.0.0.1",
      port: entry.apiPort,
      user: entry.user,
      password: entry.password,
      commandTimeoutMs: 300_000,
    });
    const { setup } = await discoverRouter({ client: session });
    const truth = fleet.truth("bench");
    const marks = setup.wans.map((w) => w.connectionMark);

    const poll = await measure(session, () => pollRouter({ session, setup }));
    const counting = await measure(session, () => readConnectionCounts({ client: session, marks }));
    let naiveByMark: Record<string, number> = {};
    const naiveTable = await measure(session, async () => {
      const rows = await session.run(["/ip/firewall/connection/print"]);
      naiveByMark = {};
      for (const row of rows) naiveByMark[row["connection-mark"] ?? ""] = (naiveByMark[row["connection-mark"] ?? ""] ?? 0) + 1;
    });
    const rest = {
      commands: poll.commands - counting.commands,
      bytesRead: poll.bytesRead - counting.bytesRead,
      bytesWritten: poll.bytesWritten - counting.bytesWritten,
    };
    const naivePoll = {
      commands: rest.commands + naiveTable.commands,
      bytesRead: rest.bytesRead + naiveTable.bytesRead,
      bytesWritten: rest.bytesWritten + naiveTable.bytesWritten,
    };
    const wire = (m: { bytesRead: number; bytesWritten: number }) => m.bytesRead + m.bytesWritten;
    const lists = Object.fromEntries(Object.entries(truth.lists).map(([l, a]) => [l, a.length]));

    console.log(`cpus: ${os.cpus().length} (${os.cpus()[0]?.model ?? "unknown"}), node ${process.version}`);
    console.log(
      `router: RouterOS ${truth.version}, ${CLIENTS} clients, lists ${JSON.stringify(lists)}, ${truth.connections.total} tracked connections ${JSON.stringify(truth.connections.byMark)}`,
    );
    console.log("");
    console.log("| what | commands | bytes read | bytes written | bytes on the wire | ms |");
    console.log("|---|---:|---:|---:|---:|---:|");
    const row = (name: string, m: { commands: number; bytesRead: number; bytesWritten: number; ms?: number }) =>
      console.log(`| ${name} | ${m.commands} | ${m.bytesRead} | ${m.bytesWritten} | ${wire(m)} | ${m.ms ?? ""} |`);
    row("WANscope poll (all parts)", poll);
    row("  of which connections per mark (count-only + tracking)", counting);
    row("naive connections per mark (print whole table)", naiveTable);
    row("naive poll (same poll, table printed instead of counted)", naivePoll);
    console.log("");
    console.log(`ratio, connections part: ${(wire(naiveTable) / wire(counting)).toFixed(0)}x fewer bytes with count-only`);
    console.log(`ratio, whole poll: ${(wire(naivePoll) / wire(poll)).toFixed(1)}x fewer bytes (naive ${wire(naivePoll)} vs ${wire(poll)})`);
    const agree = marks.every((m) => naiveByMark[m] === truth.connections.byMark[m]);
    console.log(`naive grouping agrees with the counts: ${agree}`);
    await session.close();
  } finally {
    await fleet.close();
  }
}

await main();
