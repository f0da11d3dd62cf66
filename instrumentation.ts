// Runs once when the Next.js server starts: pick the database (DATABASE_URL or the embedded one)
// before any page queries it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  const { resolveDatabase } = await import("./lib/db/resolve-database");
  await resolveDatabase({ env: getEnv() });
}
