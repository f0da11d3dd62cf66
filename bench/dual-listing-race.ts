// The dual-listing race, measured on the simulator: the same browser-like clients behind the seed's
// recipe, the seed with its src-address-list=!other remedy, and the seed converted to PCC on
// src-address (what the audit's "convert to PCC" fix writes), for 30 simulated minutes at several
// list-visibility delays and seeds. Prints the distinct clients each put on two lists.
// Run: npx tsx bench/dual-listing-race.ts [clients]

import { readFileSync } from "node:fs";
import os from "node:os";
import { Fleet } from "@/sim/fleet";

const CLIENTS = Number(process.argv[2] ?? 200);
const VARIANTS = {
  "seed recipe": readFileSync("sim/exports/seed-nth.rsc", "utf8"),
  "seed + !other": readFileSync("sim/exports/seed-nth-fixed.rsc", "utf8"),
  "PCC src-address": readFileSync("test/fixtures/exports/seed-pcc.rsc", "utf8"),
};

async function run(options: { seed: number; delayMs: number }): Promise<Record<string, number>> {
  const fleet = await Fleet.start({
    seed: options.seed,
    routers: Object.entries(VARIANTS).map(([name, script]) => ({
      name,
      version: "6.49" as const,
      script,
      clients: CLIENTS,
      mix: { browser: 1 },
      listVisibilityDelayMs: options.delayMs,
    })),
    serve: false,
  });
  const seen = Object.fromEntries(Object.keys(VARIANTS).map((n) => [n, new Set<string>()]));
  try {
    for (let s = 0; s < 30 * 60; s += 10) {
      fleet.advance(10_000);
      for (const name of Object.keys(VARIANTS)) for (const m of fleet.truth(name).multiListed) seen[name]!.add(m.address);
    }
  } finally {
    await fleet.close();
  }
  return Object.fromEntries(Object.entries(seen).map(([n, s]) => [n, s.size]));
}

async function main(): Promise<void> {
  process.stdout.write(
    `dual-listing race: ${CLIENTS} browser clients, 30 simulated minutes; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  process.stdout.write(`delay ms | simulation seed | ${Object.keys(VARIANTS).join(" | ")}\n`);
  for (const delayMs of [10, 40, 100])
    for (const seed of [1, 2, 3]) {
      const counts = await run({ seed, delayMs });
      process.stdout.write(`${delayMs} | ${seed} | ${Object.values(counts).join(" | ")}\n`);
    }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
