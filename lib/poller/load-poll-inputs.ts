import type { Db } from "../db";
import type { RouterStatus, TlsMode } from "../db/generated/client";
import type { MembershipRow } from "../metrics";
import { dateOrNull, epochMs, Prisma } from "../db/sql";

// What one poll needs from Postgres: the router, its WANs in order and the previous poll's counters in
// one statement, and the stored list memberships in another. Raw SQL on purpose: as Prisma model
// queries these were four statements, each about twice the CPU of a raw one (query compilation),
// which decides how many routers one worker keeps on schedule (docs/adr/0008-raw-sql-on-hot-paths.md).

export type PollWan = {
  id: number;
  name: string;
  interface: string;
  addressList: string | null;
  connectionMark: string | null;
  routingMark: string | null;
  routingTable: string | null;
  gateway: string | null;
  expectedWeight: number;
  classifier: unknown;
};

export type PollRouter = {
  id: number;
  host: string;
  port: number;
  username: string;
  passwordEnc: string;
  tlsMode: TlsMode;
  tlsCaPem: string | null;
  tlsFingerprint: string | null;
  enabled: boolean;
  pollIntervalSec: number;
  rosVersion: string | null;
  balancingMethod: string | null;
  discoveryWarnings: string[];
  discoveredAt: Date | null;
  status: RouterStatus;
  statusSince: Date | null;
  lastError: string | null;
};

export type PollState = { polledAt: Date; uptimeSec: number; counters: unknown };

/** When the configuration audit last tried to read this router, and whether someone asked for a fresh read. */
export type ConfigReadState = { attemptedAt: Date; refreshRequested: boolean };

export type PollInputs = { router: PollRouter; wans: PollWan[]; pollState: PollState | null; configRead: ConfigReadState | null };

type Row = Omit<PollRouter, "discoveredAt" | "statusSince" | "discoveryWarnings"> & {
  discovered_at_ms: number | null;
  status_since_ms: number | null;
  discovery_warnings: string[] | null;
  wans: PollWan[];
  state: { polledAtMs: number; uptimeSec: number; counters: unknown } | null;
  config: { attemptedAtMs: number; requested: boolean } | null;
};

/** The router and what its poll reads from storage, or null if it does not exist. */
export async function loadPollInputs(options: { db: Db; routerId: number }): Promise<PollInputs | null> {
  const rows = await options.db.$queryRaw<Row[]>`
    SELECT r.id, r.host, r.port, r.username, r.password_enc AS "passwordEnc", r.tls_mode::text AS "tlsMode", r.tls_ca_pem AS "tlsCaPem",
      r.tls_fingerprint AS "tlsFingerprint", r.enabled, r.poll_interval_sec AS "pollIntervalSec", r.ros_version AS "rosVersion",
      r.balancing_method AS "balancingMethod", r.discovery_warnings, ${epochMs(Prisma.sql`r.discovered_at`)} AS discovered_at_ms,
      r.status::text AS status, ${epochMs(Prisma.sql`r.status_since`)} AS status_since_ms, r.last_error AS "lastError",
      (SELECT coalesce(jsonb_agg(jsonb_build_object(
          'id', w.id, 'name', w.name, 'interface', w.interface, 'addressList', w.address_list, 'connectionMark', w.connection_mark,
          'routingMark', w.routing_mark, 'routingTable', w.routing_table, 'gateway', w.gateway, 'expectedWeight', w.expected_weight,
          'classifier', w.classifier) ORDER BY w.position, w.id), '[]'::jsonb)
        FROM wans w WHERE w.router_id = r.id) AS wans,
      (SELECT jsonb_build_object('polledAtMs', ${epochMs(Prisma.sql`s.polled_at`)}, 'uptimeSec', s.uptime_sec, 'counters', s.counters)
        FROM router_poll_state s WHERE s.router_id = r.id) AS state,
      (SELECT jsonb_build_object('attemptedAtMs', ${epochMs(Prisma.sql`c.attempted_at`)}, 'requested', c.refresh_requested_at IS NOT NULL)
        FROM router_configs c WHERE c.router_id = r.id) AS config
    FROM routers r WHERE r.id = ${options.routerId}`;
  const row = rows[0];
  if (!row) return null;
  const { discovered_at_ms, status_since_ms, discovery_warnings, wans, state, config, ...router } = row;
  return {
    router: {
      ...router,
      discoveryWarnings: discovery_warnings ?? [],
      discoveredAt: dateOrNull(discovered_at_ms),
      statusSince: dateOrNull(status_since_ms),
    },
    wans,
    pollState: state ? { polledAt: new Date(state.polledAtMs), uptimeSec: state.uptimeSec, counters: state.counters } : null,
    configRead: config ? { attemptedAt: new Date(config.attemptedAtMs), refreshRequested: config.requested } : null,
  };
}

export type StoredMembership = MembershipRow & { dynamic: boolean; entryId: string | null };

/**
 * The stored list memberships, the baseline a poll's changes are computed against. Read after the
 * router answered, right before storing, so a poll that overlapped another one (a slow router) diffs
 * against what that one stored rather than against what was there when it started.
 */
export async function loadMemberships(options: { db: Db; routerId: number }): Promise<StoredMembership[]> {
  const [row] = await options.db.$queryRaw<{ m: [string, string, number, boolean, string | null][] }[]>`
    SELECT coalesce(jsonb_agg(jsonb_build_array(m.address, m.list, ${epochMs(Prisma.sql`m.since`)}, m.dynamic, m.entry_id)), '[]'::jsonb) AS m
    FROM client_memberships m WHERE m.router_id = ${options.routerId}`;
  return (row?.m ?? []).map(([address, list, since, dynamic, entryId]) => ({ address, list, since, dynamic, entryId }));
}
