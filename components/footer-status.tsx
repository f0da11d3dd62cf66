import { getEnv } from "@/lib/env";
import { databaseKind } from "@/lib/db/resolve-database";

/** Which storage and queue backend this deployment runs on, from the validated settings. */
export function FooterStatus() {
  const env = getEnv();
  const database = databaseKind() === "embedded" ? "embedded PostgreSQL" : "PostgreSQL (DATABASE_URL)";
  const queue = env.REDIS_URL ? "BullMQ on Redis" : "BullMQ on PostgreSQL";
  return (
    <footer className="site" data-testid="backend-footer">
      Storage: {database} · Queue: {queue} · <a href="/status">status</a>
    </footer>
  );
}
