import Link from "next/link";
import { BadParams } from "@/components/bad-params";
import { hrefWith } from "@/components/href";
import { Pager } from "@/components/pager";
import { requirePageUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { auditParamsSchema, listAuditEntries } from "@/lib/queries/audit-log";
import { parseSearchParams, type RawSearchParams } from "@/app/search-params";

export const dynamic = "force-dynamic";

// Lists are rendered as text: a router's or client's strings are untrusted.
const brief = (v: unknown): string =>
  v === null || v === undefined
    ? "—"
    : Array.isArray(v)
      ? v.map((m: { list?: string; dynamic?: boolean }) => `${m.list ?? "?"}${m.dynamic === false ? " (static)" : ""}`).join(", ") ||
        "no list"
      : JSON.stringify(v).slice(0, 200);

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser();
  const parsed = parseSearchParams(auditParamsSchema, await searchParams);
  if (!parsed.ok) return <BadParams issues={parsed.issues} resetHref="/audit" />;
  const now = new Date();
  const result = await listAuditEntries({ db: getDb(), params: parsed.data });
  const p = parsed.data;
  return (
    <section className="panel">
      <h1>Audit log</h1>
      <form className="filters" method="get" action="/audit" role="search" aria-label="Filter the audit log">
        <label>
          Router id
          <input name="router" inputMode="numeric" defaultValue={p.router ?? ""} />
        </label>
        <label>
          Client
          <input name="client" defaultValue={p.client ?? ""} maxLength={64} />
        </label>
        <label>
          User
          <input name="user" defaultValue={p.user ?? ""} maxLength={200} />
        </label>
        <label>
          Action
          <input name="action" defaultValue={p.action ?? ""} placeholder="client.move" maxLength={64} />
        </label>
        <label>
          Result
          <select name="result" defaultValue={p.result ?? ""}>
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <button type="submit" className="primary">
          Filter
        </button>
        <Link href="/audit">Clear</Link>
      </form>
      {result.rows.length === 0 ? (
        <p className="empty-state" data-testid="audit-empty">
          No audit entries{Object.values(p).some((v) => v !== undefined && v !== 1) ? " for this filter" : " yet"}.
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Router</th>
                <th>Client</th>
                <th>Before</th>
                <th>After</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.id} data-testid="audit-row" data-action={r.action} data-result={r.result.startsWith("ok") ? "ok" : "failed"}>
                  <td title={r.at.toISOString()}>{formatTimestamp({ at: r.at, now, seconds: true })}</td>
                  <td>{r.userEmail}</td>
                  <td>{r.action}</td>
                  <td>{r.routerId === null ? "—" : <Link href={`/routers/${r.routerId}`}>{r.routerName}</Link>}</td>
                  <td>{r.clientAddress ? <code>{r.clientAddress}</code> : "—"}</td>
                  <td>{brief(r.before)}</td>
                  <td>{brief(r.after)}</td>
                  <td className={r.result === "ok" ? "status-ok" : "status-bad"}>{r.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={result.page}
        pageCount={result.pageCount}
        matching={result.matching}
        noun="entries"
        hrefFor={(page) => hrefWith({ path: "/audit", current: p, changes: { page }, defaults: { page: 1 } })}
      />
    </section>
  );
}
