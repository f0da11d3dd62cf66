import type { Env } from "../env";
import { log } from "../log";
import { assertPostgresReachable, describeUrl } from "./check-reachable";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded-postgres";

export type ResolvedDatabase = { url: string; kind: "external" | "embedded"; embedded: EmbeddedPostgresHandle | null };

/** Embedded or external, as resolved at start-up (process.env reaches every bundle of Next.js). */
export function databaseKind(): "external" | "embedded" {
  return process.env.WANSCOPE_DATABASE_KIND === "embedded" ? "embedded" : "external";
}

/**
 * Decide which Postgres this process uses: DATABASE_URL when set (checked to answer), otherwise the
 * embedded one. Sets process.env.DATABASE_URL so child processes and the Prisma CLI see the same.
 */
export async function resolveDatabase(options: {
  env: Pick<Env, "DATABASE_URL" | "EMBEDDED_PG_DIR" | "EMBEDDED_PG_PORT">;
  callerHandlesSignals?: boolean;
}): Promise<ResolvedDatabase> {
  const { env } = options;
  if (env.DATABASE_URL) {
    await assertPostgresReachable({ url: env.DATABASE_URL });
    log.info({ event: "db.selected", kind: "external", at: describeUrl(env.DATABASE_URL) }, "using Postgres from DATABASE_URL");
    process.env.WANSCOPE_DATABASE_KIND = "external";
    return { url: env.DATABASE_URL, kind: "external", embedded: null };
  }
  const embedded = await startEmbeddedPostgres({
    dir: env.EMBEDDED_PG_DIR,
    port: env.EMBEDDED_PG_PORT,
    callerHandlesSignals: options.callerHandlesSignals,
  });
  process.env.DATABASE_URL = embedded.url;
  process.env.WANSCOPE_DATABASE_KIND = "embedded";
  log.info({ event: "db.selected", kind: "embedded", dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT }, "using embedded Postgres");
  return { url: embedded.url, kind: "embedded", embedded };
}
