import type { Db } from "../db";

/** Every router by name with what the admin list shows: address, state, last poll and WAN count. */
export async function listAdminRouters(options: { db: Db }) {
  return options.db.router.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      host: true,
      port: true,
      tlsMode: true,
      site: true,
      tags: true,
      enabled: true,
      status: true,
      lastError: true,
      lastPollAt: true,
      identity: true,
      rosVersion: true,
      _count: { select: { wans: true } },
    },
  });
}
