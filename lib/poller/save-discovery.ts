import type { Db } from "../db";
import type { BalancingSetup } from "../routeros";
import { wanRowsFromSetup } from "./balancing-setup";

/**
 * Store a discovered setup. WANs an operator corrected (discovered = false) are kept as they are;
 * discovered ones are replaced, and ones that no longer exist on the router are removed.
 */
export async function saveDiscoveredSetup(options: {
  db: Db;
  routerId: number;
  setup: BalancingSetup;
  version: string;
  now: Date;
}): Promise<void> {
  const rows = wanRowsFromSetup(options.setup);
  await options.db.$transaction(async (tx) => {
    const existing = await tx.wan.findMany({ where: { routerId: options.routerId } });
    const corrected = new Set(existing.filter((w) => !w.discovered).map((w) => w.name));
    const found = new Set(rows.map((r) => r.name));
    await tx.wan.deleteMany({ where: { routerId: options.routerId, discovered: true, name: { notIn: [...found] } } });
    for (const row of rows) {
      if (corrected.has(row.name)) continue;
      await tx.wan.upsert({
        where: { routerId_name: { routerId: options.routerId, name: row.name } },
        create: { ...row, routerId: options.routerId },
        update: row,
      });
    }
    await tx.router.update({
      where: { id: options.routerId },
      data: {
        balancingMethod: options.setup.classifierKind,
        discoveredAt: options.now,
        discoveryWarnings: options.setup.warnings,
        rosVersion: options.version,
      },
    });
  });
}
