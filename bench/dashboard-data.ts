import pg from "pg";

// Fills a database with a fleet for the dashboard benchmark: routers with 2 or 3 WANs, a day of raw
// samples at 10 s, a week of minute rollups, a month of hour rollups, clients and events. Bulk SQL
// (INSERT ... SELECT generate_series), so a million-row table takes seconds, not hours.

export type FleetSize = { routers: number; clientsPerRouter: number; now: Date };

async function step(client: pg.Client, label: string, sql: string, params: unknown[] = []): Promise<void> {
  const started = performance.now();
  const result = await client.query(sql, params);
  console.log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function generateDashboardFleet(options: { url: string; size: FleetSize }): Promise<void> {
  const { routers, clientsPerRouter, now } = options.size;
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const t = now.toISOString();
  try {
    await client.query("SET synchronous_commit = off");
    await step(
      client,
      "routers",
      `INSERT INTO routers (name, host, port, username, password_enc, site, tags, status, status_since, last_error, last_poll_at, balancing_method, ros_version, identity, updated_at)
       SELECT format('gw-%s', lpad(i::text, 4, '0')), '127.0.0.1', 8728, 'bench', 'bench-not-a-secret', format('site-%s', i % 20), ARRAY[format('region-%s', i % 5)],
              (CASE WHEN i % 37 = 0 THEN 'unreachable' WHEN i % 101 = 0 THEN 'auth_failed' ELSE 'ok' END)::"RouterStatus",
              $1::timestamp - interval '3 hours', CASE WHEN i % 37 = 0 THEN 'connect ECONNREFUSED 127.0.0.1:8728' END,
              $1::timestamp - (i % 9) * interval '1 second', CASE WHEN i % 3 = 0 THEN 'pcc' ELSE 'nth' END, '7.19.1', format('gw-%s', i), $1::timestamp
       FROM generate_series(1, $2::int) AS i`,
      [t, routers],
    );
    await step(
      client,
      "wans",
      `INSERT INTO wans (router_id, name, interface, address_list, connection_mark, routing_mark, gateway, expected_weight, position, updated_at)
       SELECT r.id, format('wan%s', w), format('wlan%s', w), (ARRAY['odd','even','third'])[w], (ARRAY['odd','even','third'])[w], (ARRAY['odd','even','third'])[w],
              format('10.11%s.0.1', w), 1, w - 1, $1::timestamp
       FROM routers r CROSS JOIN generate_series(1, 3) AS w
       WHERE w <= CASE WHEN r.balancing_method = 'pcc' THEN 3 ELSE 2 END`,
      [t],
    );
    // Raw: one day at 10 s. Values drift per WAN so charts have shape; seed nth gives 50/25 + 25 unmarked.
    await step(
      client,
      "wan_samples (1 day raw)",
      `INSERT INTO wan_samples (wan_id, router_id, ts, rx_bps, tx_bps, connections, new_connections, route_active, running)
       SELECT w.id, w.router_id, ts, 2e7 * (1 + 0.5 * sin(extract(epoch FROM ts) / 3600 + w.id)) / (w.position + 1),
              2e6 * (1 + 0.5 * cos(extract(epoch FROM ts) / 3600 + w.id)), 400 + (w.id * 7 + extract(epoch FROM ts)::int / 10) % 200,
              CASE WHEN w.position = 0 THEN 20 ELSE 10 END, (extract(epoch FROM ts)::int / 10 + w.id) % 997 <> 0, true
       FROM wans w CROSS JOIN generate_series($1::timestamp - interval '1 day' + interval '10 seconds', $1::timestamp, interval '10 seconds') AS ts`,
      [t],
    );
    await step(
      client,
      "router_samples (1 day raw)",
      `INSERT INTO router_samples (router_id, ts, cpu_load, uptime_sec, connections_total, connections_unmarked, new_connections_total, new_connections_unmarked, clients, dual_listed, list_counts, poll_ms)
       SELECT r.id, ts, (r.id + extract(epoch FROM ts)::int / 10) % 40, 86400, 1500, 300, 40, 10, $2::int, r.id % 3,
              jsonb_build_object('odd', $2::int / 2, 'even', $2::int - $2::int / 2), 40
       FROM routers r CROSS JOIN generate_series($1::timestamp - interval '1 day' + interval '10 seconds', $1::timestamp, interval '10 seconds') AS ts`,
      [t, clientsPerRouter],
    );
    await step(
      client,
      "wan_rollups minute (7 days)",
      `INSERT INTO wan_rollups (wan_id, router_id, resolution, bucket, samples, rx_bps_avg, tx_bps_avg, rx_bps_max, tx_bps_max, connections_avg, new_connections, route_up_samples)
       SELECT w.id, w.router_id, 'minute', b, 6, 2e7 * (1 + 0.5 * sin(extract(epoch FROM b) / 3600 + w.id)) / (w.position + 1), 2e6, 3e7, 3e6,
              400 + (w.id * 7 + extract(epoch FROM b)::int / 60) % 200, CASE WHEN w.position = 0 THEN 120 ELSE 60 END, 6
       FROM wans w CROSS JOIN generate_series(date_trunc('minute', $1::timestamp) - interval '7 days', date_trunc('minute', $1::timestamp) - interval '1 minute', interval '1 minute') AS b`,
      [t],
    );
    await step(
      client,
      "router_rollups minute (7 days)",
      `INSERT INTO router_rollups (router_id, resolution, bucket, samples, cpu_load_avg, connections_total_avg, connections_unmarked_avg, new_connections_total, new_connections_unmarked, clients_avg, dual_listed_max)
       SELECT r.id, 'minute', b, 6, 10, 1500, 300, 240, 60, $2::int, r.id % 3
       FROM routers r CROSS JOIN generate_series(date_trunc('minute', $1::timestamp) - interval '7 days', date_trunc('minute', $1::timestamp) - interval '1 minute', interval '1 minute') AS b`,
      [t, clientsPerRouter],
    );
    await step(
      client,
      "wan_rollups hour (30 days)",
      `INSERT INTO wan_rollups (wan_id, router_id, resolution, bucket, samples, rx_bps_avg, tx_bps_avg, rx_bps_max, tx_bps_max, connections_avg, new_connections, route_up_samples)
       SELECT w.id, w.router_id, 'hour', b, 360, 2e7 * (1 + 0.5 * sin(extract(epoch FROM b) / 86400 + w.id)) / (w.position + 1), 2e6, 3e7, 3e6,
              400 + (w.id * 7 + extract(epoch FROM b)::int / 3600) % 200, CASE WHEN w.position = 0 THEN 7200 ELSE 3600 END,
              CASE WHEN (extract(epoch FROM b)::int / 3600 + w.id) % 211 = 0 THEN 300 ELSE 360 END
       FROM wans w CROSS JOIN generate_series(date_trunc('hour', $1::timestamp) - interval '30 days', date_trunc('hour', $1::timestamp) - interval '1 hour', interval '1 hour') AS b`,
      [t],
    );
    await step(
      client,
      "router_rollups hour (30 days)",
      `INSERT INTO router_rollups (router_id, resolution, bucket, samples, cpu_load_avg, connections_total_avg, connections_unmarked_avg, new_connections_total, new_connections_unmarked, clients_avg, dual_listed_max)
       SELECT r.id, 'hour', b, 360, 10, 1500, 300, 14400, 3600, $2::int, r.id % 3
       FROM routers r CROSS JOIN generate_series(date_trunc('hour', $1::timestamp) - interval '30 days', date_trunc('hour', $1::timestamp) - interval '1 hour', interval '1 hour') AS b`,
      [t, clientsPerRouter],
    );
    // Clients 192.168.x.y: odd/even by parity; the first (router id % 3) of each router are dual-listed.
    await step(
      client,
      "clients",
      `INSERT INTO clients (router_id, address, lists, first_seen_at, last_change_at, dual_listed_since)
       SELECT r.id, format('192.168.%s.%s', c / 250, c % 250 + 2),
              CASE WHEN c < r.id % 3 THEN ARRAY['odd','even'] WHEN c % 2 = 0 THEN ARRAY['odd'] ELSE ARRAY['even'] END,
              $1::timestamp - (c % 48) * interval '1 hour', $1::timestamp - (c % 30) * interval '1 minute',
              CASE WHEN c < r.id % 3 THEN $1::timestamp - interval '12 minutes' END
       FROM routers r CROSS JOIN generate_series(0, $2::int - 1) AS c`,
      [t, clientsPerRouter],
    );
    await step(
      client,
      "client_memberships",
      `INSERT INTO client_memberships (router_id, address, list, since, dynamic)
       SELECT c.router_id, c.address, l, c.last_change_at, true FROM clients c CROSS JOIN unnest(c.lists) AS l`,
    );
    await step(
      client,
      "client_events (a day of joins and moves)",
      `INSERT INTO client_events (router_id, address, ts, kind, from_list, to_list)
       SELECT c.router_id, c.address, $1::timestamp - (k * 3 + 1) * interval '1 hour' - (hashtext(c.address) % 600) * interval '1 second',
              CASE WHEN k = 0 THEN 'joined' ELSE 'moved' END::"ClientEventKind", CASE WHEN k > 0 THEN 'even' END, 'odd'
       FROM clients c CROSS JOIN generate_series(0, 2) AS k
       WHERE hashtext(c.address || c.router_id) % 4 = 0`,
      [t],
    );
    await step(client, "analyze", "ANALYZE");
  } finally {
    await client.end();
  }
}
