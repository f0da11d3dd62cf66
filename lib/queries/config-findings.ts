import type { Db } from "../db";
import { FINDING_CODES, SEVERITY_RANK, type FindingCode, type Severity } from "../config-audit/types";

// The fleet's configuration findings (as of each router's last audit): one row per router with the
// finding codes it has and their severities, sortable so the worst routers come first.

export const CONFIG_FLEET_SORTS = ["worst", "name", "findings", ...FINDING_CODES] as const;
export type ConfigFleetSort = (typeof CONFIG_FLEET_SORTS)[number];

export type ConfigFleetRow = {
  routerId: number;
  name: string;
  site: string | null;
  /** code → severity of that finding (the worst one if a code has several subjects). */
  codes: Partial<Record<FindingCode, { severity: Severity; count: number; title: string }>>;
  critical: number;
  warning: number;
  info: number;
  auditedAt: Date | null;
  readError: string | null;
};

export type ConfigFleet = { rows: ConfigFleetRow[]; codes: FindingCode[]; routersAudited: number; routersTotal: number };

const rankOf = (row: ConfigFleetRow): number[] => [row.critical, row.warning, row.info];

export async function listConfigFleet(options: {
  db: Db;
  sort: ConfigFleetSort;
  dir?: "asc" | "desc";
  code?: FindingCode;
}): Promise<ConfigFleet> {
  const { db } = options;
  const [routers, findings, configs] = await Promise.all([
    db.router.findMany({ select: { id: true, name: true, site: true } }),
    db.configFinding.findMany({ select: { routerId: true, code: true, severity: true, title: true, auditedAt: true } }),
    db.routerConfig.findMany({ select: { routerId: true, readAt: true, lastError: true } }),
  ]);
  const byRouter = new Map<number, ConfigFleetRow>();
  const config = new Map(configs.map((c) => [c.routerId, c]));
  for (const r of routers) {
    const c = config.get(r.id);
    byRouter.set(r.id, {
      routerId: r.id,
      name: r.name,
      site: r.site,
      codes: {},
      critical: 0,
      warning: 0,
      info: 0,
      auditedAt: c?.readAt ?? null,
      readError: c?.lastError ?? null,
    });
  }
  for (const f of findings) {
    const row = byRouter.get(f.routerId);
    if (!row) continue;
    const code = f.code as FindingCode;
    const severity = f.severity as Severity;
    row[severity] += 1;
    const current = row.codes[code];
    row.codes[code] =
      !current || SEVERITY_RANK[severity] > SEVERITY_RANK[current.severity]
        ? { severity, count: (current?.count ?? 0) + 1, title: f.title }
        : { ...current, count: current.count + 1 };
  }
  let rows = [...byRouter.values()].filter((r) => r.auditedAt !== null || r.readError !== null);
  const audited = rows.length;
  if (options.code) rows = rows.filter((r) => r.codes[options.code!]);
  const dir = options.dir ?? (options.sort === "name" ? "asc" : "desc");
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: ConfigFleetRow, b: ConfigFleetRow) => a.name.localeCompare(b.name);
  const lexical = (a: number[], b: number[]) => a.reduce((d, x, i) => d || x - b[i]!, 0);
  rows.sort((a, b) => {
    if (options.sort === "name") return sign * byName(a, b);
    if (options.sort === "worst") return sign * lexical(rankOf(a), rankOf(b)) || byName(a, b);
    if (options.sort === "findings") return sign * (a.critical + a.warning + a.info - (b.critical + b.warning + b.info)) || byName(a, b);
    const code = options.sort;
    const severity = (r: ConfigFleetRow) => (r.codes[code] ? SEVERITY_RANK[r.codes[code]!.severity] : 0);
    return sign * (severity(a) - severity(b)) || lexical(rankOf(b), rankOf(a)) || byName(a, b);
  });
  const present = new Set(findings.map((f) => f.code));
  return {
    rows,
    codes: FINDING_CODES.filter((c) => present.has(c)),
    routersAudited: audited,
    routersTotal: routers.length,
  };
}
