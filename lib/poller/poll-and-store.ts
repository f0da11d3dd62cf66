import type { Logger } from "pino";
import type { Db } from "../db";
import { isAppError, type ErrorCode } from "../errors";
import type { RouterStatus } from "../db/generated/client";
import { membershipKey, membershipStateFromRows } from "../metrics";
import { discoverRouter, pollRouter, type PollSnapshot, type RouterSessionManager } from "../routeros";
import { setupFromRows } from "./balancing-setup";
import { computePollResult, type PollCounters } from "./compute-poll-result";
import { routerConnectionSettings } from "../routers/router-connection";
import { nextStatus } from "./router-status";
import { saveDiscoveredSetup } from "./save-discovery";
import { loadMemberships, loadPollInputs } from "./load-poll-inputs";
import { storePollResult } from "./store-poll-result";
import { CONFIG_REFRESH_SEC, refreshRouterConfig } from "../config-audit/refresh-config";
import { recordConfigError } from "../config-audit/store";
import type { ConfigReadState } from "./load-poll-inputs";

export type PollOutcome =
  | { kind: "stored"; rows: number; events: number; commands: number; bytes: number; durationMs: number; issues: string[] }
  | { kind: "duplicate" } // this scheduled poll was already stored (a retried job)
  | { kind: "skipped"; reason: "router_missing" | "router_disabled" | "stale" }
  | { kind: "router_failed"; code: string; message: string };

/**
 * Poll one router and store what it said. Router trouble (unreachable, bad login, timeouts) is an
 * outcome recorded on the router, not a job failure: the next scheduled poll is the retry. Database
 * trouble throws, so the job is retried and, being keyed by `at`, stores nothing twice.
 */
export async function pollAndStoreRouter(options: {
  db: Db;
  sessions: RouterSessionManager;
  secretKey: Buffer;
  routerId: number;
  at: Date;
  now: Date;
  log: Logger;
  /** Sees what was read before it is stored (the CLI prints it); not called when the router failed. */
  onSnapshot?: (snapshot: PollSnapshot) => void;
  /** Re-read the configuration for the audit when the last read is older than this (default CONFIG_REFRESH_SEC). */
  configRefreshSec?: number;
}): Promise<PollOutcome> {
  const { db, routerId, at } = options;
  const inputs = await loadPollInputs({ db, routerId });
  if (!inputs) return { kind: "skipped", reason: "router_missing" };
  const { router } = inputs;
  if (!router.enabled) return { kind: "skipped", reason: "router_disabled" };
  // A poll that waited through several intervals (worker down, backlog) is worth nothing now: the
  // next scheduled one reads fresher data, and skipping keeps a backlog from growing.
  if (options.now.getTime() - at.getTime() > 3 * router.pollIntervalSec * 1000) return { kind: "skipped", reason: "stale" };

  const session = options.sessions.get(String(routerId), routerConnectionSettings(router, options.secretKey));
  try {
    let current = inputs;
    if (inputs.wans.length === 0 || !router.discoveredAt) {
      const version = await session.version();
      const { setup } = await discoverRouter({ client: session });
      await saveDiscoveredSetup({ db, routerId, setup, version: version.raw, now: at });
      options.log.info(
        { event: "router.discovered", routerId, wans: setup.wans.map((w) => w.name), warnings: setup.warnings },
        "balancing setup discovered",
      );
      current = (await loadPollInputs({ db, routerId })) ?? inputs;
    }
    const wans = current.wans;
    const setup = setupFromRows(current.router, wans);
    const snapshot = await pollRouter({ session, setup });
    options.onSnapshot?.(snapshot);
    const stored = await loadMemberships({ db, routerId });
    const memberships = membershipStateFromRows(stored);
    const state = inputs.pollState;
    const previous = state
      ? { polledAt: state.polledAt.getTime(), uptimeSec: state.uptimeSec, counters: state.counters as PollCounters }
      : null;
    const result = computePollResult({ at: at.getTime(), snapshot, setup, wans: wans.map((w) => ({ ...w })), previous, memberships });
    const outcome = await storePollResult({
      db,
      routerId,
      at,
      result,
      previousMemberships: memberships,
      previousEntries: new Map(stored.map((m) => [membershipKey(m.address, m.list), { dynamic: m.dynamic, entryId: m.entryId }])),
      router: { rosVersion: snapshot.resource.version.raw, identity: snapshot.identity?.name ?? null },
    });
    await recordStatus({ db, router, outcome: { ok: true }, at });
    if (!outcome.stored) return { kind: "duplicate" };
    const goneRules = snapshot.issues.some((i) => i.part === "classifiers" && i.message.includes("is gone"));
    if (configDue({ read: inputs.configRead, now: options.now, everySec: options.configRefreshSec ?? CONFIG_REFRESH_SEC }) || goneRules)
      await refreshConfigQuietly({ ...options, client: session, user: router.username });
    return {
      kind: "stored",
      rows: outcome.rows,
      events: result.membershipEvents.length,
      commands: snapshot.commands,
      bytes: snapshot.bytesRead + snapshot.bytesWritten,
      durationMs: snapshot.durationMs,
      issues: snapshot.issues.map((i) => `${i.part}: ${i.message}`),
    };
  } catch (error) {
    if (!isAppError(error) || !error.code.startsWith("router_")) throw error;
    await recordStatus({ db, router, outcome: { ok: false, code: error.code, message: error.message }, at });
    return { kind: "router_failed", code: error.code, message: error.message };
  }
}

/** The audit's read is due: never read, asked for, or older than the refresh interval. */
export function configDue(options: { read: ConfigReadState | null; now: Date; everySec: number }): boolean {
  const { read } = options;
  return !read || read.refreshRequested || options.now.getTime() - read.attemptedAt.getTime() >= options.everySec * 1000;
}

/** A configuration read that fails is recorded for the Configuration tab; it never fails the poll. */
async function refreshConfigQuietly(options: {
  db: Db;
  client: Parameters<typeof refreshRouterConfig>[0]["client"];
  routerId: number;
  user: string;
  now: Date;
  log: Logger;
}): Promise<void> {
  try {
    await refreshRouterConfig(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    options.log.warn({ event: "config.read_failed", routerId: options.routerId, err: message }, "configuration read failed");
    await recordConfigError({ db: options.db, routerId: options.routerId, message, now: options.now });
  }
}

async function recordStatus(options: {
  db: Db;
  router: { id: number; status: RouterStatus; statusSince: Date | null; lastError: string | null };
  outcome: { ok: true } | { ok: false; code: ErrorCode; message: string };
  at: Date;
}): Promise<void> {
  const { status, statusSince } = nextStatus({
    previous: options.router.status,
    previousSince: options.router.statusSince,
    outcome: options.outcome,
    now: options.at,
  });
  const lastError = options.outcome.ok ? null : options.outcome.message.slice(0, 500);
  // A stored poll already wrote the router row (last_poll_at, last_attempt_at); a healthy router staying
  // healthy needs no second write. A failed poll always writes: last_attempt_at is its scheduled time.
  const unchanged =
    status === options.router.status &&
    statusSince?.getTime() === options.router.statusSince?.getTime() &&
    lastError === options.router.lastError;
  if (options.outcome.ok && unchanged) return;
  await options.db.router.update({ where: { id: options.router.id }, data: { status, statusSince, lastError, lastAttemptAt: options.at } });
}
