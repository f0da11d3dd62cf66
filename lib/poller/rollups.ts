import type { Db } from "../db";
import { tsParam } from "../db/sql";

// Per-minute and per-hour rollups for long ranges, recomputed over a recent window each run (so late
// samples and retried runs converge), and retention that drops what is older than configured.

export type RetentionDays = { raw: number; minute: number; hour: number };

const BUCKET_MS = { minute: 60_000, hour: 3600_000 } as const;

export async function buildRollups(options: { db: Db; now: Date; lookbackMs?: number }): Promise<{ wanRows: number; routerRows: number }> {
  const from = new Date(options.now.getTime() - (options.lookbackMs ?? 2 * 3600_000));
  let wanRows = 0;
  let routerRows = 0;
  for (const resolution of ["minute", "hour"] as const) {
    const start = new Date(Math.floor(from.getTime() / BUCKET_MS[resolution]) * BUCKET_MS[resolution]);
    // The resolution doubles as date_trunc's unit; grouping by the output name keeps one parameter for it.
    wanRows += await options.db.$executeRaw`
      INSERT INTO wan_rollups (wan_id, router_id, resolution, bucket, samples, rx_bps_avg, tx_bps_avg, rx_bps_max, tx_bps_max, connections_avg, new_connections, route_up_samples)
      SELECT wan_id, router_id, ${resolution}::"Resolution", date_trunc(${resolution}::text, ts) AS bucket, count(*)::int, avg(rx_bps), avg(tx_bps),
             max(rx_bps), max(tx_bps), avg(connections), sum(new_connections)::int, (count(*) FILTER (WHERE route_active))::int
      FROM wan_samples WHERE ts >= ${tsParam(start)} GROUP BY wan_id, router_id, bucket
      ON CONFLICT (wan_id, resolution, bucket) DO UPDATE SET samples = excluded.samples, rx_bps_avg = excluded.rx_bps_avg, tx_bps_avg = excluded.tx_bps_avg,
        rx_bps_max = excluded.rx_bps_max, tx_bps_max = excluded.tx_bps_max, connections_avg = excluded.connections_avg,
        new_connections = excluded.new_connections, route_up_samples = excluded.route_up_samples`;
    routerRows += await options.db.$executeRaw`
      INSERT INTO router_rollups (router_id, resolution, bucket, samples, cpu_load_avg, connections_total_avg, connections_unmarked_avg, new_connections_total, new_connections_unmarked, clients_avg, dual_listed_max)
      SELECT router_id, ${resolution}::"Resolution", date_trunc(${resolution}::text, ts) AS bucket, count(*)::int, avg(cpu_load), avg(connections_total),
             avg(connections_unmarked), sum(new_connections_total)::int, sum(new_connections_unmarked)::int, avg(clients), max(dual_listed)
      FROM router_samples WHERE ts >= ${tsParam(start)} GROUP BY router_id, bucket
      ON CONFLICT (router_id, resolution, bucket) DO UPDATE SET samples = excluded.samples, cpu_load_avg = excluded.cpu_load_avg,
        connections_total_avg = excluded.connections_total_avg, connections_unmarked_avg = excluded.connections_unmarked_avg,
        new_connections_total = excluded.new_connections_total, new_connections_unmarked = excluded.new_connections_unmarked,
        clients_avg = excluded.clients_avg, dual_listed_max = excluded.dual_listed_max`;
  }
  return { wanRows, routerRows };
}

export async function applyRetention(options: { db: Db; now: Date; days: RetentionDays }): Promise<number> {
  const before = (days: number) => new Date(options.now.getTime() - days * 86_400_000);
  const { db, days } = options;
  const counts = await Promise.all([
    db.wanSample.deleteMany({ where: { ts: { lt: before(days.raw) } } }),
    db.routerSample.deleteMany({ where: { ts: { lt: before(days.raw) } } }),
    db.wanRollup.deleteMany({ where: { resolution: "minute", bucket: { lt: before(days.minute) } } }),
    db.routerRollup.deleteMany({ where: { resolution: "minute", bucket: { lt: before(days.minute) } } }),
    db.wanRollup.deleteMany({ where: { resolution: "hour", bucket: { lt: before(days.hour) } } }),
    db.routerRollup.deleteMany({ where: { resolution: "hour", bucket: { lt: before(days.hour) } } }),
    db.clientEvent.deleteMany({ where: { ts: { lt: before(days.hour) } } }),
  ]);
  return counts.reduce((sum, c) => sum + c.count, 0);
}
