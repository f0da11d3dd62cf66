import pg from "pg";
import { ServiceUnavailableError } from "../errors";

/** Describe a connection URL without its password, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "(default port)"}${parsed.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

/** Fail fast, with a message an operator can act on, when a configured Postgres does not answer. */
export async function assertPostgresReachable(options: { url: string; source?: string }): Promise<void> {
  const { url, source = "DATABASE_URL" } = options;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const reason = error instanceof Error ? ("code" in error && error.code) || error.message : String(error);
    throw new ServiceUnavailableError(
      `Postgres at ${describeUrl(url)} (from ${source}) cannot be reached: ${String(reason)}. ` +
        `Start that server or fix ${source}; unset ${source} to use WANscope's embedded Postgres instead.`,
      error,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
