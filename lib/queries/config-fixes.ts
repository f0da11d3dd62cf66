import type { Db } from "../db";
import type { ConfigFix } from "../db/generated/client";
import { loadFixVerdict } from "../config-audit/check-fixes";
import { fixCommandsSchema, progressSchema, savedSchema } from "../config-audit/fix-record";
import { pathsOf, touchedIds } from "../config-audit/fix-commands";
import { describeRow } from "../config-audit/model";
import { rowsOf } from "../config-audit/snapshot";
import type { Verdict } from "../config-audit/verdict";

// Reads for the fix pages: a router's fixes, and one fix with its steps (its audit rows), the rules it
// saved and how they read back, and the live verdict on what was measured since.

export type FixSummary = Pick<
  ConfigFix,
  "id" | "findingCode" | "option" | "title" | "status" | "requestedAt" | "appliedAt" | "finishedAt" | "error"
>;

export async function listRouterFixes(options: { db: Db; routerId: number; take?: number }): Promise<FixSummary[]> {
  return options.db.configFix.findMany({
    where: { routerId: options.routerId },
    orderBy: { id: "desc" },
    take: options.take ?? 20,
    select: {
      id: true,
      findingCode: true,
      option: true,
      title: true,
      status: true,
      requestedAt: true,
      appliedAt: true,
      finishedAt: true,
      error: true,
    },
  });
}

export type FixStep = { at: Date; action: string; result: string; user: string; detail: string | null };
export type RuleChange = { path: string; id: string; before: string | null; after: string | null };

export type FixDetail = {
  fix: ConfigFix;
  router: { id: number; name: string; pollIntervalSec: number };
  requestedBy: string;
  steps: FixStep[];
  changes: RuleChange[];
  verdict: Verdict | null;
};

function stepDetail(details: unknown): string | null {
  if (!details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  if (typeof d.command === "string") return d.command;
  if (Array.isArray(d.problems)) return d.problems.join("; ");
  if (typeof d.cause === "string") return `cause: ${d.cause}`;
  if (typeof d.readBack === "string") return `read-back ${d.readBack}; discovery ${String(d.discovery ?? "re-run")}`;
  if (d.verdict && typeof d.verdict === "object") return String((d.verdict as { summary?: string }).summary ?? "");
  return null;
}

export async function getFixDetail(options: { db: Db; fixId: number; now: Date }): Promise<FixDetail | null> {
  const { db } = options;
  const fix = await db.configFix.findUnique({ where: { id: options.fixId } });
  if (!fix) return null;
  const [router, user, audits] = await Promise.all([
    db.router.findUnique({ where: { id: fix.routerId }, select: { id: true, name: true, pollIntervalSec: true } }),
    db.user.findUnique({ where: { id: fix.requestedBy }, select: { email: true } }),
    db.auditEntry.findMany({ where: { routerId: fix.routerId, details: { path: ["fixId"], equals: fix.id } }, orderBy: { id: "asc" } }),
  ]);
  if (!router) return null;
  const commands = fixCommandsSchema.parse(fix.commands);
  const saved = fix.saved ? savedSchema.parse(fix.saved) : null;
  const readBack = fix.readBack ? savedSchema.parse(fix.readBack) : null;
  const touched = new Set(touchedIds(commands));
  const added = new Set(fix.progress ? progressSchema.parse(fix.progress).addedIds : []);
  const changes: RuleChange[] = [];
  for (const path of pathsOf(commands)) {
    const before = saved ? rowsOf(saved, path) : [];
    const after = readBack ? rowsOf(readBack, path) : [];
    const beforeIds = new Set(before.map((r) => r[".id"]));
    for (const row of before)
      if (touched.has(row[".id"] ?? "")) {
        const now = after.find((r) => r[".id"] === row[".id"]);
        changes.push({ path, id: row[".id"]!, before: describeRow(row), after: readBack ? (now ? describeRow(now) : null) : null });
      }
    for (const row of after)
      if (!beforeIds.has(row[".id"]) && added.has(row[".id"] ?? ""))
        changes.push({ path, id: row[".id"]!, before: null, after: describeRow(row) });
  }
  return {
    fix,
    router,
    requestedBy: user?.email ?? `user#${fix.requestedBy}`,
    steps: audits.map((a) => ({ at: a.at, action: a.action, result: a.result, user: a.userEmail, detail: stepDetail(a.details) })),
    changes,
    verdict: fix.status === "applied" ? await loadFixVerdict({ db, fix, now: options.now }) : null,
  };
}
