import type { Db } from "../db";

/** A router as its edit page shows it, with its WANs in order; never its password. Null when unknown. */
export async function getRouterForEdit(options: { db: Db; routerId: number }) {
  return options.db.router.findUnique({
    where: { id: options.routerId },
    select: {
      id: true,
      name: true,
      host: true,
      port: true,
      tlsMode: true,
      tlsCaPem: true,
      tlsFingerprint: true,
      username: true,
      pollIntervalSec: true,
      site: true,
      tags: true,
      enabled: true,
      discoveredAt: true,
      discoveryWarnings: true,
      balancingMethod: true,
      wans: { orderBy: { position: "asc" } },
    },
  });
}
