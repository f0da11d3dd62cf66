import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Fleet, type FleetRouter, type RouterSpec } from "@/sim/fleet";
import { RouterSession, type RouterSessionOptions } from "@/lib/routeros";

// Fleets for these tests: simulated routers served on 127.0.0.1, free ports, fixed epoch and seed.

export const EPOCH = 1_700_000_000_000;

export function simExport(file: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../sim/exports/${file}`, import.meta.url)), "utf8");
}

export async function startFleet(routers: (Partial<RouterSpec> & Pick<RouterSpec, "name" | "version">)[]): Promise<Fleet> {
  return Fleet.start({
    routers: routers.map((r) => ({ clients: 40, listVisibilityDelayMs: 0, ...r })),
    serve: { basePort: 0 },
    epochMs: EPOCH,
    seed: 7,
  });
}

export function sessionFor(router: FleetRouter, options: Partial<RouterSessionOptions> = {}): RouterSession {
  const tls = options.tls ?? { mode: "none" };
  return new RouterSession({
    host: "127.0.0.1",
    port: tls.mode === "none" ? router.apiPort : router.apiSslPort,
    user: router.user,
    password: router.password,
    commandTimeoutMs: 3_000,
    connectTimeoutMs: 3_000,
    backoff: { baseMs: 20, capMs: 100 },
    ...options,
  });
}
