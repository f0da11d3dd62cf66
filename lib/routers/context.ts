import type { Db } from "../db";
import type { Logger } from "../log";
import { log as rootLog } from "../log";
import { syncPollSchedulers } from "../poller/schedule";
import type { QueueHandle } from "../queue/backend";
import type { Router } from "../db/generated/client";
import type { Actor } from "../auth/roles";

/** What a router change needs: the database, the key passwords are sealed with, and the poll queue. */
export type RouterAdminCtx = { db: Db; secretKey: Buffer; pollQueue: QueueHandle; log?: Logger };

/** Who made a change, for the audit row. */
export type AuditUser = Actor;

/**
 * Bring the poll schedulers in line with the routers table right away. A failure leaves the change
 * saved: the worker re-syncs every minute (system.sync-schedules), so it is logged, not thrown.
 */
export async function resyncPollSchedulers(ctx: RouterAdminCtx): Promise<boolean> {
  try {
    await syncPollSchedulers({ db: ctx.db, queue: ctx.pollQueue });
    return true;
  } catch (error) {
    (ctx.log ?? rootLog).warn(
      { event: "router.schedules_sync_failed", err: error instanceof Error ? error.message : String(error) },
      "poll schedulers not synced; the worker retries within a minute",
    );
    return false;
  }
}

/** A router as the audit log and the admin pages may show it: never the password or its ciphertext. */
export function routerSummary(
  router: Pick<
    Router,
    "name" | "host" | "port" | "tlsMode" | "tlsCaPem" | "tlsFingerprint" | "username" | "enabled" | "pollIntervalSec" | "site" | "tags"
  >,
) {
  return {
    name: router.name,
    host: router.host,
    port: router.port,
    tlsMode: router.tlsMode,
    tlsCaPem: router.tlsCaPem ? "(set)" : null,
    tlsFingerprint: router.tlsFingerprint,
    username: router.username,
    enabled: router.enabled,
    pollIntervalSec: router.pollIntervalSec,
    site: router.site,
    tags: router.tags,
  };
}
