import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyFaults, type FaultRequest } from "./control/faults";
import { SimClock } from "./engine/clock";
import { groundTruth, type GroundTruth } from "./model/ground-truth";
import type { VersionName } from "./model/personality";
import { SimRouter, type ServiceOverrides } from "./model/router";
import { startApiServer, type ApiServer } from "./protocol/index";
import type { BehaviourMix } from "./traffic/behaviours";
import { createPopulation, type Population } from "./traffic/population";
import { createRng } from "./traffic/prng";

export type RouterSpec = {
  name: string;
  version: VersionName;
  /** export script text; default: the seed's (v6) or its v7 translation */
  script?: string;
  scriptSource?: string;
  clients: number;
  mix?: BehaviourMix;
  /** traffic ms before a rule-added list entry is visible to rules */
  listVisibilityDelayMs: number;
  user?: string;
  password?: string;
  tlsMode?: "certificate" | "anonymous-dh";
  faults?: FaultRequest;
  /** API login / stalled-sentence timeouts in ms (default 60,000 each; 0: never) */
  apiTimeouts?: { loginMs?: number; sentenceMs?: number };
  /** load the export leniently: what cannot be modelled is skipped and listed in ground truth `load` */
  lenient?: boolean;
  /** api / api-ssl max-sessions and disabled, over what the export sets */
  services?: ServiceOverrides;
};

export type FleetOptions = {
  routers: RouterSpec[];
  seed?: number;
  /** router clock speed-up; client traffic keeps wall-clock pace (see README of sim) */
  timeScale?: number;
  /** API servers: false for in-process tests; otherwise basePort 0 = free ports, P = consecutive from P */
  serve?: false | { basePort: number };
  epochMs?: number;
};

export type FleetRouter = {
  name: string;
  router: SimRouter;
  population: Population;
  server?: ApiServer;
  apiPort?: number;
  apiSslPort?: number;
  user: string;
  password: string;
  spec: RouterSpec;
};

const EXPORTS_DIR = fileURLToPath(new URL("./exports/", import.meta.url));

/**
 * The default router: the seed's recipe (its v7 form on 7.x) with what its LAN and uplinks would also
 * have: a DHCP server on the LAN (so the simulated clients have leases) and a netwatch probe per gateway.
 */
export function defaultExport(version: VersionName): { script: string; source: string } {
  const v7 = version.startsWith("7");
  const file = v7 ? "seed-nth-v7.rsc" : "seed-nth.rsc";
  const probe = (host: string, name: string): string =>
    v7 ? `add host=${host} interval=10s name=${name} type=icmp` : `add comment=${name} host=${host} interval=10s`;
  const lan = [
    "",
    "/ip pool",
    "add name=lan ranges=192.168.0.2-192.168.0.254",
    "/ip dhcp-server",
    "add address-pool=lan disabled=no interface=Local lease-time=30m name=lan-dhcp",
    "/ip dhcp-server network",
    "add address=192.168.0.0/24 dns-server=192.168.0.1 gateway=192.168.0.1",
    "/tool netwatch",
    probe("10.111.0.1", "gw-wlan2"),
    probe("10.112.0.1", "gw-wlan1"),
    "",
  ].join("\n");
  return { script: readFileSync(EXPORTS_DIR + file, "utf8") + lan, source: `sim/exports/${file} (with a LAN DHCP server and netwatch)` };
}

/** N simulated routers on one simulation clock, each with its clients and (optionally) its API server. */
export class Fleet {
  readonly clock = new SimClock();
  readonly routers: FleetRouter[] = [];
  readonly timeScale: number;
  private driver: NodeJS.Timeout | undefined;

  private constructor(timeScale: number) {
    this.timeScale = timeScale;
  }

  static async start(options: FleetOptions): Promise<Fleet> {
    const fleet = new Fleet(options.timeScale ?? 1);
    const rng = createRng(options.seed ?? 1);
    const epochMs = options.epochMs ?? Date.now();
    try {
      options.routers.forEach((spec, index) => fleet.routers.push(fleet.build({ spec, index, rng, epochMs })));
      if (options.serve !== false && options.serve !== undefined) {
        const base = options.serve.basePort;
        const n = options.routers.length;
        // Concurrently: each self-signed certificate costs ~15 ms of mostly asynchronous crypto. All
        // settle before a failure is thrown, so close() sees every server that did start.
        const started = await Promise.allSettled(
          fleet.routers.map(async (entry, i) => {
            const server = await startApiServer({
              router: entry.router,
              host: "127.0.0.1",
              port: base === 0 ? 0 : base + i,
              tlsPort: base === 0 ? 0 : base + n + i,
              tlsMode: entry.spec.tlsMode ?? "certificate",
            });
            entry.server = server;
            entry.apiPort = server.port;
            entry.apiSslPort = server.tlsPort;
          }),
        );
        const failed = started.find((outcome) => outcome.status === "rejected");
        if (failed) throw failed.reason;
      }
    } catch (error) {
      await fleet.close();
      throw error;
    }
    for (const entry of fleet.routers) if (entry.spec.faults) fleet.fault(entry.name, entry.spec.faults);
    return fleet;
  }

  private build({
    spec,
    index,
    rng,
    epochMs,
  }: {
    spec: RouterSpec;
    index: number;
    rng: ReturnType<typeof createRng>;
    epochMs: number;
  }): FleetRouter {
    const routerRng = rng.fork(index + 1);
    const fallback = spec.script === undefined ? defaultExport(spec.version) : undefined;
    const router = new SimRouter({
      name: spec.name,
      version: spec.version,
      script: spec.script ?? fallback!.script,
      scriptSource: spec.scriptSource ?? fallback?.source,
      clock: this.clock,
      epochMs,
      timeScale: this.timeScale,
      listVisibilityDelayMs: spec.listVisibilityDelayMs,
      services: spec.services,
      lenient: spec.lenient,
      apiTimeouts: spec.apiTimeouts,
      user: spec.user ?? "wanscope",
      password:
        spec.password ??
        "sim-" +
          Math.floor(routerRng.next() * 0xffffffff)
            .toString(16)
            .padStart(8, "0"),
    });
    const population = createPopulation({
      count: spec.clients,
      mix: spec.mix,
      rng: routerRng.fork(7),
      clock: this.clock,
      dataplane: router.dataplane,
      timeScale: this.timeScale,
    });
    router.leases.leaseClients(
      population.clients.map((c) => c.address),
      routerRng.fork(11),
    );
    return { name: spec.name, router, population, user: router.user, password: router.password, spec };
  }

  get(name: string): FleetRouter {
    const entry = this.routers.find((r) => r.name === name);
    if (entry === undefined) throw new Error(`no router named "${name}"`);
    return entry;
  }

  /** Moves simulated time forward by ms, running every event due (tests drive time with this). */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Drives the clock from the wall clock: timeScale sim ms per wall ms. */
  startRealTime(intervalMs = 50): void {
    if (this.driver) return;
    let last = performance.now();
    this.driver = setInterval(() => {
      const now = performance.now();
      this.clock.advance((now - last) * this.timeScale);
      last = now;
    }, intervalMs);
  }

  stopRealTime(): void {
    if (this.driver) clearInterval(this.driver);
    this.driver = undefined;
  }

  fault(name: string, request: FaultRequest): void {
    const entry = this.get(name);
    applyFaults({ router: entry.router, dropSessions: () => entry.server?.dropSessions() }, request);
  }

  /** The router's configuration now, as RouterOS's /export prints it. */
  exportConfig(name: string): string {
    return this.get(name).router.exportConfig();
  }

  truth(name: string): GroundTruth {
    return groundTruth(this.get(name).router);
  }

  async close(): Promise<void> {
    this.stopRealTime();
    for (const entry of this.routers) entry.population.stop();
    await Promise.all(this.routers.map((r) => r.server?.close()));
  }
}
