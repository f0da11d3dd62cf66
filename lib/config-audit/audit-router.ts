import type { Db } from "../db";
import type { AuditEvidence } from "./evidence";
import { loadAuditEvidence } from "./load-evidence";
import { auditSnapshot, type AuditReport } from "./run-audit";
import { loadStoredConfig, storeFindings, type StoredConfig } from "./store";

// A router's audit from what is stored: its last configuration snapshot and the evidence the poller
// measured, as of `now`. The Configuration tab, the CLI and fix requests all audit through here.

export type RouterAudit = { config: StoredConfig; evidence: AuditEvidence; report: AuditReport };

export async function auditRouter(options: { db: Db; routerId: number; now: Date; store?: boolean }): Promise<RouterAudit | null> {
  const config = await loadStoredConfig(options);
  if (!config) return null;
  const pinned = config.snapshot.pinned.filter((p) => !p.disabled).map((p) => p.address);
  const evidence = await loadAuditEvidence({ db: options.db, routerId: options.routerId, now: options.now, pinned });
  const report = auditSnapshot({ snapshot: config.snapshot, evidence });
  if (options.store) await storeFindings({ db: options.db, routerId: options.routerId, report, now: options.now });
  return { config, evidence, report };
}
