import { CsrfField } from "@/components/csrf";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePageUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { formatTimestamp } from "@/lib/format";
import { createTokenAction, revokeTokenAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function TokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("admin");
  const params = await searchParams;
  const tokens = await listApiTokens({ db: getDb() });
  const now = new Date();
  const stateOf = (t: (typeof tokens)[number]) =>
    t.revokedAt ? `revoked ${formatTimestamp({ at: t.revokedAt, now })}` : t.expiresAt && t.expiresAt <= now ? "expired" : "active";
  return (
    <>
      <section className="panel">
        <h1>API tokens</h1>
        <p className="muted">
          Bearer tokens for the JSON API (its reference:{" "}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- /api/docs is a route handler, not a page */}
          <a href="/api/docs">/api/docs</a>) and for Prometheus (<code>/metrics</code>). A token acts with its scope; what it changes is in
          the audit log under <code>token:&lt;name&gt;</code>.
        </p>
        {typeof params.ok === "string" && (
          <p className="status-ok" role="status" data-testid="tokens-ok">
            {params.ok}
          </p>
        )}
        {typeof params.error === "string" && (
          <p className="error-text" role="alert" data-testid="tokens-error">
            {params.error}
          </p>
        )}
        <table data-testid="tokens-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Scope</th>
              <th>Token</th>
              <th>State</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-testid="token-row" data-name={t.name}>
                <td>{t.name}</td>
                <td>{t.scope}</td>
                <td>
                  <code>wsk_{t.prefix}…</code>
                </td>
                <td data-testid="token-state">{stateOf(t)}</td>
                <td>{t.expiresAt ? formatTimestamp({ at: t.expiresAt, now }) : "never"}</td>
                <td>{t.lastUsedAt ? `${formatTimestamp({ at: t.lastUsedAt, now })} from ${t.lastUsedIp ?? "?"}` : "never"}</td>
                <td>{formatTimestamp({ at: t.createdAt, now })}</td>
                <td>
                  {!t.revokedAt && (
                    <form action={revokeTokenAction} className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" aria-label={`Revoke ${t.name}`}>
                        Revoke
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Create a token</h2>
        <CreateTokenForm action={createTokenAction} />
      </section>
    </>
  );
}
