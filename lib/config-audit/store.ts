import type { Db } from "../db";
import type { Prisma } from "../db/generated/client";
import { RouterProtocolError } from "../routeros/errors";
import type { AuditReport } from "./run-audit";
import { configFingerprint, configSnapshotSchema, type ConfigSnapshot } from "./snapshot";

// The stored side of the audit: a router's last configuration snapshot, its read errors, and the
// findings of its last audit for the fleet view (replaced as a whole, first-seen times kept).

export type StoredConfig = {
  snapshot: ConfigSnapshot;
  fingerprint: string;
  readAt: Date;
  refreshRequestedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
};

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/** The last successful read, or null when the router was never read; errors of later attempts come with it. */
export async function loadStoredConfig(options: { db: Db; routerId: number }): Promise<StoredConfig | null> {
  const row = await options.db.routerConfig.findUnique({ where: { routerId: options.routerId } });
  if (!row || row.snapshot === null || row.readAt === null || row.fingerprint === null) return null;
  const parsed = configSnapshotSchema.safeParse(row.snapshot);
  if (!parsed.success) throw new RouterProtocolError(`stored configuration of router ${options.routerId} is unreadable; read it again`);
  return {
    snapshot: parsed.data,
    fingerprint: row.fingerprint,
    readAt: row.readAt,
    refreshRequestedAt: row.refreshRequestedAt,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
  };
}

/** Store a fresh read; returns whether the rules differ from the stored ones (a new router counts as changed). */
export async function saveConfigSnapshot(options: {
  db: Db;
  routerId: number;
  snapshot: ConfigSnapshot;
  now: Date;
}): Promise<{ changed: boolean; fingerprint: string }> {
  const fingerprint = configFingerprint(options.snapshot);
  const previous = await options.db.routerConfig.findUnique({ where: { routerId: options.routerId }, select: { fingerprint: true } });
  const data = {
    attemptedAt: options.now,
    readAt: options.now,
    fingerprint,
    rosVersion: options.snapshot.version,
    snapshot: json(options.snapshot),
    refreshRequestedAt: null,
    lastError: null,
    lastErrorAt: null,
  };
  await options.db.routerConfig.upsert({
    where: { routerId: options.routerId },
    create: { routerId: options.routerId, ...data },
    update: data,
  });
  return { changed: previous?.fingerprint !== fingerprint, fingerprint };
}

export async function recordConfigError(options: { db: Db; routerId: number; message: string; now: Date }): Promise<void> {
  const data = { attemptedAt: options.now, lastError: options.message.slice(0, 500), lastErrorAt: options.now, refreshRequestedAt: null };
  await options.db.routerConfig.upsert({
    where: { routerId: options.routerId },
    create: { routerId: options.routerId, ...data },
    update: data,
  });
}

/** The last read attempt's outcome, for the Configuration tab (also when no read ever succeeded). */
export async function loadConfigStatus(options: { db: Db; routerId: number }) {
  return options.db.routerConfig.findUnique({
    where: { routerId: options.routerId },
    select: { attemptedAt: true, readAt: true, refreshRequestedAt: true, lastError: true, lastErrorAt: true },
  });
}

/** Ask for a fresh read at the router's next poll. */
export async function requestConfigRefresh(options: { db: Db; routerId: number; now: Date }): Promise<void> {
  await options.db.routerConfig.upsert({
    where: { routerId: options.routerId },
    create: { routerId: options.routerId, attemptedAt: new Date(0), refreshRequestedAt: options.now },
    update: { refreshRequestedAt: options.now },
  });
}

export async function storeFindings(options: { db: Db; routerId: number; report: AuditReport; now: Date }): Promise<void> {
  const { db, routerId, report, now } = options;
  await db.$transaction(async (tx) => {
    const existing = await tx.configFinding.findMany({ where: { routerId }, select: { code: true, subject: true, firstSeenAt: true } });
    const firstSeen = new Map(existing.map((f) => [`${f.code}|${f.subject}`, f.firstSeenAt]));
    await tx.configFinding.deleteMany({ where: { routerId } });
    if (report.findings.length === 0) return;
    await tx.configFinding.createMany({
      data: report.findings.map((f) => ({
        routerId,
        code: f.code,
        subject: f.subject,
        severity: f.severity,
        title: f.title.slice(0, 300),
        summary: f.summary.slice(0, 500),
        ruleIds: f.rules.map((r) => r.id),
        firstSeenAt: firstSeen.get(`${f.code}|${f.subject}`) ?? now,
        auditedAt: now,
      })),
      skipDuplicates: true,
    });
  });
}
