import type { Env } from "../env";
import { log } from "../log";
import { assertPostgresReachable, describeUrl } from "./check-reachable";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded-postgres";

export type ResolvedDatabase = { url: string; kind: "external" | "embedded"; embedded: EmbeddedPostgresHandle | null };

// Remembered per process (globalThis survives Next.js module duplication) for the status page.
const holder = globalThis as unknown as { __wanscopeDatabase?: ResolvedDatabase };

/** The database this process resolved at start-up, if it did. */
export function currentDatabase(): ResolvedDatabase | undefined {
  return holder.__wanscopeDatabase;
}

/** Embedded or external, as resolved at start-up (process.env reaches every bundle of Next.js). */
export function databaseKind(): "external" | "embedded" {
  return process.env.WANSCOPE_DATABASE_KIND === "embedded" ? "embedded" : "external";
}

/**
 * Decide which Postgres this process uses: DATABASE_URL when set (checked to answer), otherwise the
 * embedded one. Sets process.env.DATABASE_URL so child processes and the Prisma CLI see the same.
 */
export async function resolveDatabase(
  env: Pick<Env, "DATABASE_URL" | "EMBEDDED_PG_DIR" | "EMBEDDED_PG_PORT">,
  options: { callerHandlesSignals?: boolean } = {},
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    await assertPostgresReachable(env.DATABASE_URL);
    log.info({ event: "db.selected", kind: "external", at: describeUrl(env.DATABASE_URL) }, "using Postgres from DATABASE_URL");
    holder.__wanscopeDatabase = { url: env.DATABASE_URL, kind: "external", embedded: null };
    process.env.WANSCOPE_DATABASE_KIND = "external";
    return holder.__wanscopeDatabase;
  }
  const embedded = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, callerHandlesSignals: options.callerHandlesSignals });
  process.env.DATABASE_URL = embedded.url;
  process.env.WANSCOPE_DATABASE_KIND = "embedded";
  log.info({ event: "db.selected", kind: "embedded", dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT }, "using embedded Postgres");
  holder.__wanscopeDatabase = { url: embedded.url, kind: "embedded", embedded };
  return holder.__wanscopeDatabase;
}
