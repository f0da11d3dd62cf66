// Runs once when the Next.js server starts: stamp requests with their socket address (sign-in
// throttling keys on it, lib/auth/client-address.ts), and pick the database (DATABASE_URL or the
// embedded one) before any page queries it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressStamp } = await import("./lib/auth/client-address");
  await installPeerAddressStamp();
  const { getEnv } = await import("./lib/env");
  const { resolveDatabase } = await import("./lib/db/resolve-database");
  await resolveDatabase({ env: getEnv() });
}
