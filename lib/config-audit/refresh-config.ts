import type { Logger } from "pino";
import type { Db } from "../db";
import { saveDiscoveredSetup } from "../poller/save-discovery";
import type { RouterClient } from "../routeros/client";
import { auditRouter, type RouterAudit } from "./audit-router";
import { parseSnapshot } from "./model";
import { readConfigSnapshot } from "./read-snapshot";
import { saveConfigSnapshot } from "./store";

// Read a router's configuration, store it, and audit it. When the rules changed since the last read
// (someone edited them, or a fix ran) discovery is re-run from the same rows, so the poll measures the
// classifier rules that exist now instead of reporting ids that are gone.

/** How often a poll re-reads the configuration when nothing asked for it sooner (five small prints). */
export const CONFIG_REFRESH_SEC = 900;

export async function refreshRouterConfig(options: {
  db: Db;
  client: RouterClient;
  routerId: number;
  user: string;
  now: Date;
  log: Logger;
  /** Re-run discovery when the rules changed (default true). */
  rediscover?: boolean;
}): Promise<RouterAudit & { changed: boolean }> {
  const { db, routerId, now } = options;
  const snapshot = await readConfigSnapshot({ client: options.client, user: options.user });
  const { changed } = await saveConfigSnapshot({ db, routerId, snapshot, now });
  if (changed && options.rediscover !== false) {
    const setup = parseSnapshot(snapshot).setup;
    await saveDiscoveredSetup({ db, routerId, setup, version: snapshot.version, now });
    options.log.info({ event: "config.rediscovered", routerId, wans: setup.wans.map((w) => w.name) }, "rules changed: discovery re-run");
  }
  const audit = await auditRouter({ db, routerId, now, store: true });
  if (!audit) throw new Error("configuration stored but not found");
  options.log.info({ event: "config.audited", routerId, findings: audit.report.findings.length, changed }, "configuration audited");
  return { ...audit, changed };
}
