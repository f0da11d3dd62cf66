import Link from "next/link";
import { BadParams } from "@/components/bad-params";
import { SeverityBadge } from "@/components/config-audit/severity-badge";
import { hrefWith, type QueryValues } from "@/components/href";
import { SortHeader } from "@/components/sort-header";
import { configFleetParamsSchema, parseSearchParams, type RawSearchParams } from "@/app/search-params";
import { requirePageUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { formatAgo } from "@/lib/format";
import { listConfigFleet } from "@/lib/queries/config-findings";

export const dynamic = "force-dynamic";

const DEFAULTS: QueryValues = { sort: "worst" };

// Which routers have which configuration finding, as of each router's last audit: worst first, so an
// operator fixes those first. Sort by any finding's column to see every router that has it.

export default async function ConfigurationFleetPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser();
  const parsed = parseSearchParams(configFleetParamsSchema, await searchParams);
  if (!parsed.ok) return <BadParams issues={parsed.issues} resetHref="/configuration" />;
  const query = parsed.data;
  const now = new Date();
  const fleet = await listConfigFleet({ db: getDb(), sort: query.sort, dir: query.dir, code: query.code });
  const dir = query.dir ?? (query.sort === "name" ? "asc" : "desc");
  const href = (changes: QueryValues) => hrefWith({ path: "/configuration", current: query, changes, defaults: DEFAULTS });
  const sortHref = (sort: string, d: "asc" | "desc" | undefined) => href({ sort, dir: d });
  return (
    <section className="panel">
      <h1>Configuration findings</h1>
      <p className="muted small" data-testid="config-fleet-summary">
        {fleet.routersAudited} of {fleet.routersTotal} routers audited (each at its last configuration read)
        {query.code && ` · only routers with ${query.code}`}
        {query.code && (
          <>
            {" "}
            · <Link href={href({ code: undefined })}>show all</Link>
          </>
        )}
      </p>
      {fleet.rows.length === 0 ? (
        <p className="empty-state">No router has been audited yet.</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="config-fleet">
            <thead>
              <tr>
                <SortHeader label="Router" sortKey="name" current={query.sort} dir={dir} hrefFor={sortHref} />
                <SortHeader label="Worst" sortKey="worst" current={query.sort} dir={dir} hrefFor={sortHref} />
                <SortHeader label="Findings" sortKey="findings" current={query.sort} dir={dir} hrefFor={sortHref} numeric />
                {fleet.codes.map((code) => (
                  <SortHeader key={code} label={code} sortKey={code} current={query.sort} dir={dir} hrefFor={sortHref} />
                ))}
                <th>Audited</th>
              </tr>
            </thead>
            <tbody>
              {fleet.rows.map((row) => {
                const worst = row.critical ? "critical" : row.warning ? "warning" : row.info ? "info" : null;
                return (
                  <tr key={row.routerId} data-testid="config-fleet-row" data-router={row.name}>
                    <td>
                      <Link href={`/routers/${row.routerId}/configuration`}>{row.name}</Link>
                      {row.site && <div className="muted small">{row.site}</div>}
                    </td>
                    <td>{worst ? <SeverityBadge severity={worst} /> : <span className="badge ok">none</span>}</td>
                    <td className="num" data-testid="finding-count">
                      {row.critical + row.warning + row.info}
                    </td>
                    {fleet.codes.map((code) => {
                      const cell = row.codes[code];
                      return (
                        <td key={code} data-code={code}>
                          {cell ? (
                            <Link href={`/routers/${row.routerId}/configuration#finding-${code}`} title={cell.title}>
                              <SeverityBadge severity={cell.severity} />
                              {cell.count > 1 ? ` ×${cell.count}` : ""}
                            </Link>
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </td>
                      );
                    })}
                    <td className="small">
                      {formatAgo({ at: row.auditedAt, now })}
                      {row.readError && <div className="status-bad">read failed: {row.readError}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {fleet.codes.length > 0 && (
        <p className="small">
          Filter:{" "}
          {fleet.codes.map((code) => (
            <Link key={code} href={href({ code, sort: code })} style={{ marginRight: "0.75em" }}>
              {code}
            </Link>
          ))}
        </p>
      )}
    </section>
  );
}
