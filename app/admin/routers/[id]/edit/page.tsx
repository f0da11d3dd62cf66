import Link from "next/link";
import { notFound } from "next/navigation";
import { CsrfField } from "@/components/csrf";
import { RouterForm } from "@/components/routers/router-form";
import { requirePageUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { getRouterForEdit } from "@/lib/queries/router-edit";
import { correctWansAction, testConnectionAction, updateRouterAction } from "../../actions";

export const dynamic = "force-dynamic";

// Edit a router (its password is never sent to the page) and review what discovery found: a WAN an
// admin corrects here is marked as corrected, and later discoveries leave it as it is.

export default async function EditRouterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("admin");
  const id = Number((await params).id);
  const query = await searchParams;
  if (!Number.isInteger(id) || id <= 0) notFound();
  const router = await getRouterForEdit({ db: getDb(), routerId: id });
  if (!router) notFound();
  return (
    <>
      <section className="panel">
        <p className="small">
          <Link href="/admin/routers">← Routers</Link> · <Link href={`/routers/${router.id}`}>Router page</Link>
        </p>
        <h1>Edit {router.name}</h1>
        {typeof query.ok === "string" && (
          <p className="status-ok" role="status" data-testid="router-ok">
            {query.ok}
          </p>
        )}
        {typeof query.error === "string" && (
          <p className="error-text" role="alert" data-testid="router-error">
            {query.error}
          </p>
        )}
        <RouterForm
          defaults={{
            id: router.id,
            name: router.name,
            host: router.host,
            port: String(router.port),
            tlsMode: router.tlsMode,
            tlsCaPem: router.tlsCaPem ?? "",
            tlsFingerprint: router.tlsFingerprint ?? "",
            username: router.username,
            pollIntervalSec: String(router.pollIntervalSec),
            site: router.site ?? "",
            tags: router.tags.join(", "),
            enabled: router.enabled,
          }}
          save={updateRouterAction}
          test={testConnectionAction}
          hasStoredPassword
        />
      </section>
      <section className="panel">
        <h2>WANs</h2>
        {router.wans.length === 0 ? (
          <p className="muted" data-testid="wans-empty">
            No WAN discovered yet{router.discoveredAt ? "" : "; the first poll discovers them"}.
          </p>
        ) : (
          <form action={correctWansAction} data-testid="wans-form">
            <CsrfField />
            <input type="hidden" name="id" value={router.id} />
            <p className="muted small">
              Balancing: {router.balancingMethod ?? "unknown"}. Saving marks every changed WAN as corrected: re-discovery keeps your values.
            </p>
            {router.discoveryWarnings.length > 0 && (
              <ul className="status-bad small">
                {router.discoveryWarnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            )}
            <table>
              <thead>
                <tr>
                  <th>WAN</th>
                  <th>Expected share (0–1)</th>
                  <th>Interface</th>
                  <th>Address list</th>
                  <th>Gateway</th>
                  <th>Source</th>
                </tr>
              </thead>
              <tbody>
                {router.wans.map((w) => (
                  <tr key={w.id} data-testid="wan-edit-row" data-name={w.name}>
                    <td>
                      {w.name}
                      <input type="hidden" name="wanId" value={w.id} />
                    </td>
                    <td>
                      <input
                        name={`expectedWeight-${w.id}`}
                        defaultValue={String(w.expectedWeight)}
                        size={5}
                        inputMode="decimal"
                        aria-label={`Expected share of ${w.name}`}
                      />
                    </td>
                    <td>
                      <input name={`interface-${w.id}`} defaultValue={w.interface} size={12} aria-label={`Interface of ${w.name}`} />
                    </td>
                    <td>
                      <input
                        name={`addressList-${w.id}`}
                        defaultValue={w.addressList ?? ""}
                        size={12}
                        aria-label={`Address list of ${w.name}`}
                      />
                    </td>
                    <td>
                      <input name={`gateway-${w.id}`} defaultValue={w.gateway ?? ""} size={14} aria-label={`Gateway of ${w.name}`} />
                    </td>
                    <td data-testid="wan-source">{w.discovered ? "discovered" : "corrected"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="submit" className="primary" data-testid="save-wans">
              Save WANs
            </button>
          </form>
        )}
      </section>
    </>
  );
}
