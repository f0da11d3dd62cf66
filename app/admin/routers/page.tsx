import Link from "next/link";
import { CsrfField } from "@/components/csrf";
import { requirePageUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { listAdminRouters } from "@/lib/queries/admin-routers";
import { deleteRouterAction, setRouterEnabledAction } from "./actions";

export const dynamic = "force-dynamic";

// Admin list of routers: status, enable/disable, edit, delete (after a confirmation step). Router
// names, identities and errors are untrusted text: rendered by React as text, never as markup.

export default async function RoutersAdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("admin");
  const params = await searchParams;
  const routers = await listAdminRouters({ db: getDb() });
  const deleteId = typeof params.delete === "string" ? Number(params.delete) : null;
  const toDelete = deleteId ? routers.find((r) => r.id === deleteId) : undefined;
  const now = new Date();
  return (
    <>
      <section className="panel">
        <h1>Routers</h1>
        <p>
          <Link href="/admin/routers/new" className="button primary" data-testid="add-router">
            Add a router
          </Link>
        </p>
        {typeof params.ok === "string" && (
          <p className="status-ok" role="status" data-testid="routers-ok">
            {params.ok}
          </p>
        )}
        {typeof params.error === "string" && (
          <p className="error-text" role="alert" data-testid="routers-error">
            {params.error}
          </p>
        )}
        {toDelete && (
          <div className="panel" role="alertdialog" aria-labelledby="confirm-delete-title" data-testid="confirm-delete">
            <h2 id="confirm-delete-title">Delete {toDelete.name}?</h2>
            <p>This removes the router, its WANs and all its history; its audit entries stay. It cannot be undone.</p>
            <form action={deleteRouterAction} className="inline-form">
              <CsrfField />
              <input type="hidden" name="id" value={toDelete.id} />
              <button type="submit" className="danger" data-testid="confirm-delete-button">
                Delete {toDelete.name}
              </button>{" "}
              <Link href="/admin/routers">Cancel</Link>
            </form>
          </div>
        )}
        {routers.length === 0 ? (
          <p className="muted" data-testid="routers-empty">
            No router yet.
          </p>
        ) : (
          <table data-testid="routers-admin-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Address</th>
                <th>TLS</th>
                <th>Site / tags</th>
                <th>Version / identity</th>
                <th>WANs</th>
                <th>Status</th>
                <th>Polling</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {routers.map((r) => (
                <tr key={r.id} data-testid="router-admin-row" data-id={r.id}>
                  <td>
                    <Link href={`/routers/${r.id}`}>{r.name}</Link>
                  </td>
                  <td>
                    {r.host}:{r.port}
                  </td>
                  <td>{r.tlsMode}</td>
                  <td>
                    {r.site ?? "—"}
                    {r.tags.length > 0 && <span className="muted small"> {r.tags.join(", ")}</span>}
                  </td>
                  <td>
                    {r.rosVersion ?? "—"}
                    {r.identity && <span className="muted small"> {r.identity}</span>}
                  </td>
                  <td>{r._count.wans}</td>
                  <td data-testid="router-status" data-status={r.status}>
                    {r.status}
                    {r.lastPollAt && <span className="muted small"> polled {formatTimestamp({ at: r.lastPollAt, now })}</span>}
                    {r.lastError && <div className="status-bad small">{r.lastError}</div>}
                  </td>
                  <td>
                    {r.enabled ? "enabled" : "disabled"}{" "}
                    <form action={setRouterEnabledAction} className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="enabled" value={r.enabled ? "false" : "true"} />
                      <button type="submit" data-testid="toggle-enabled">
                        {r.enabled ? "Disable" : "Enable"}
                      </button>
                    </form>
                  </td>
                  <td>
                    <Link href={`/admin/routers/${r.id}/edit`} data-testid="edit-router">
                      Edit
                    </Link>{" "}
                    <Link href={`/admin/routers?delete=${r.id}`} data-testid="delete-router">
                      Delete
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
