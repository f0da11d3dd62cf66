import Link from "next/link";
import { getDb } from "@/lib/db";
import { listFleetRouters } from "@/lib/queries/fleet-overview";

export const dynamic = "force-dynamic";

export default async function FleetOverviewPage() {
  const routers = await listFleetRouters(getDb());
  if (routers.length === 0) {
    return (
      <section className="panel empty-state" data-testid="fleet-empty">
        <h1>No router is configured yet</h1>
        <p className="muted">
          Add a router with <code>npm run wanscope -- router add</code>. WANscope then discovers its WANs and starts polling it.
        </p>
      </section>
    );
  }
  return (
    <section className="panel">
      <h1>Fleet</h1>
      <table data-testid="fleet-table">
        <thead>
          <tr><th>Router</th><th>Address</th><th>Status</th><th>WANs</th><th>RouterOS</th><th>Last poll</th></tr>
        </thead>
        <tbody>
          {routers.map((r) => (
            <tr key={r.id}>
              <td><Link href={`/routers/${r.id}`}>{r.name}</Link></td>
              <td>{r.host}:{r.port}</td>
              <td className={r.status === "ok" ? "status-ok" : r.status === "unknown" ? "muted" : "status-bad"}>{r.status}</td>
              <td>{r.wanCount}</td>
              <td>{r.rosVersion ?? "—"}</td>
              <td>{r.lastPollAt ? r.lastPollAt.toISOString() : "never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
