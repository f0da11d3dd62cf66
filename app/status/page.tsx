import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getSystemStatus } from "@/lib/queries/system-status";
import { requirePageUser } from "@/lib/auth/request";
import { pollQueue } from "@/lib/runtime/web-runtime";

export const dynamic = "force-dynamic";

export default async function StatusPage() {
  await requirePageUser();
  const status = await getSystemStatus({ db: getDb(), env: getEnv(), now: new Date(), pollQueue: pollQueue() });
  return (
    <>
      <section className="panel">
        <h1>System status</h1>
        <dl>
          <dt>Database</dt>
          <dd data-testid="status-database">
            {status.database.kind === "embedded" ? "Embedded PostgreSQL" : "PostgreSQL"} at {status.database.at}
          </dd>
          <dt>Queue</dt>
          <dd data-testid="status-queue">
            {status.queue.kind === "redis" ? "BullMQ on Redis" : "BullMQ on PostgreSQL"} at {status.queue.at}
          </dd>
          <dt>Routers</dt>
          <dd>{status.routers}</dd>
        </dl>
      </section>
      <section className="panel">
        <h2>Workers</h2>
        {status.workers.length === 0 ? (
          <p className="muted">
            No worker has reported yet. Start one with <code>npm run worker</code>.
          </p>
        ) : (
          <table data-testid="workers-table">
            <thead>
              <tr>
                <th>Worker</th>
                <th>Host</th>
                <th>Queue backend</th>
                <th>Last seen</th>
                <th>Jobs</th>
              </tr>
            </thead>
            <tbody>
              {status.workers.map((w) => (
                <tr key={w.workerId}>
                  <td>{w.workerId}</td>
                  <td>{w.hostname}</td>
                  <td>{w.queueBackend}</td>
                  <td className={w.alive ? "status-ok" : "status-warn"}>
                    {w.lastSeenAt.toISOString()}
                    {w.alive ? "" : " (stale)"}
                  </td>
                  <td>{w.jobsProcessed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>Failed polls</h2>
        {"error" in status.failedPolls ? (
          <p className="status-bad" data-testid="failed-polls-error">
            {status.failedPolls.error}
          </p>
        ) : status.failedPolls.count === 0 ? (
          <p className="muted" data-testid="failed-polls-none">
            No poll job has failed. (Router trouble is not a failure here: it is recorded on the router.)
          </p>
        ) : (
          <>
            <p data-testid="failed-polls-count" data-count={status.failedPolls.count}>
              {status.failedPolls.count} poll job{status.failedPolls.count === 1 ? "" : "s"} failed after their retries, usually while the
              database was unreachable; the next scheduled polls run as usual.
            </p>
            <table data-testid="failed-polls-table">
              <thead>
                <tr>
                  <th>Router</th>
                  <th>Failed at</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {status.failedPolls.recent.map((f, i) => (
                  <tr key={i} data-testid="failed-poll">
                    <td>{f.routerId ?? "?"}</td>
                    <td>{f.failedAt?.toISOString() ?? "?"}</td>
                    <td>{f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
