import type { Db } from "../db";
import type { ConfigFix } from "../db/generated/client";
import type { Logger } from "../log";
import { fixAuditor } from "./fix-session";
import { expectationSchema, savedSchema, toJson } from "./fix-record";
import { dualListedSince, measuredSplit } from "./load-evidence";
import { judgeFix, type Verdict } from "./verdict";

// Watching applied fixes: the measured split and new dual-listings since a fix was applied, judged
// against what it promised. The result page computes this live; the fleet job records the verdict (and
// an audit row) once it is decided.

/** The verdict on an applied fix as of `now`. Samples start after the first poll that followed the fix. */
export async function loadFixVerdict(options: { db: Db; fix: ConfigFix; now: Date }): Promise<Verdict | null> {
  const { db, fix, now } = options;
  if (!fix.appliedAt) return null;
  const router = await db.router.findUnique({ where: { id: fix.routerId }, select: { pollIntervalSec: true } });
  const from = new Date(fix.appliedAt.getTime() + (router?.pollIntervalSec ?? 10) * 1000);
  const expectation = expectationSchema.parse(fix.expectation);
  const split = from < now ? await measuredSplit({ db, routerId: fix.routerId, from, to: now }) : null;
  const newDualListed = await dualListedSince({ db, routerId: fix.routerId, since: fix.appliedAt });
  const pinned = fix.readBack ? savedSchema.parse(fix.readBack).pinned.map((p) => p.address) : [];
  const pinnedSet = new Set(pinned);
  return judgeFix({
    expectation,
    appliedAt: fix.appliedAt,
    now,
    split,
    newDualListed,
    newDualListedPinned: newDualListed.filter((a) => pinnedSet.has(a)),
  });
}

export async function checkAppliedFixes(options: { db: Db; now: Date; log: Logger }): Promise<{ checked: number; decided: number }> {
  const { db, now } = options;
  const fixes = await db.configFix.findMany({ where: { status: "applied", verdictAt: null }, orderBy: { id: "asc" }, take: 200 });
  let decided = 0;
  for (const fix of fixes) {
    const verdict = await loadFixVerdict({ db, fix, now });
    if (!verdict) continue;
    const done = verdict.state !== "watching";
    await db.configFix.update({ where: { id: fix.id }, data: { verdict: toJson(verdict), verdictAt: done ? now : null } });
    if (!done) continue;
    decided++;
    const audit = await fixAuditor({ db }, null);
    await audit({
      action: "config.fix_verified",
      routerId: fix.routerId,
      fixId: fix.id,
      result: verdict.state === "kept" ? "ok" : `failed: ${verdict.summary}`,
      details: { verdict },
    });
    options.log.info({ event: "config.fix_verified", fixId: fix.id, routerId: fix.routerId, state: verdict.state }, "fix verdict");
  }
  return { checked: fixes.length, decided };
}
