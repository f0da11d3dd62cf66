import { inCidr, parseIp } from "../engine/ip";
import type { Dataplane } from "../engine/dataplane";
import type { SimClock } from "../engine/clock";
import { parseDuration } from "./format";

// /tool netwatch: each entry probes its host every interval on the router's clock. A probe succeeds
// when the host can be reached as the router's own forwarding stands: a host in a connected subnet
// needs its link up and (for a gateway) the gateway answering; any other host goes by the route its
// src-address or the main table picks, which needs that route's gateway answering. So gateway faults,
// link faults and failover all show in the probes, at the next probe as on RouterOS.
// RTTs are model data: a stable base per uplink with a little jitter.

export type ProbeType = "simple" | "icmp" | "tcp-conn" | "http-get" | "dns";

export type Probe = {
  id: number;
  params: Record<string, string>;
  name?: string;
  type: ProbeType;
  host: string;
  intervalMs: number;
  timeoutMs: number;
  disabled: boolean;
  status: "unknown" | "up" | "down";
  /** sim ms of the last status change */
  since: number | undefined;
  doneTests: number;
  failedTests: number;
  /** of the last probe: packets lost of packet-count, RTTs in ms */
  lossCount: number;
  packetCount: number;
  rtt: { avg: number; min: number; max: number; jitter: number; stdev: number } | undefined;
  /** the uplink the last probe went out of */
  via: string | undefined;
  timer?: { cancel(): void };
};

export class Netwatch {
  readonly probes: Probe[];
  /** told after each probe whose result changed what /tool/netwatch prints */
  onChange: (() => void) | undefined;

  constructor(
    entries: ReadonlyArray<Record<string, string>>,
    private readonly dataplane: Dataplane,
    private readonly clock: SimClock,
    private readonly style: "v6" | "v7",
  ) {
    this.probes = entries.map((params, index) => {
      const type = (params.type ?? (style === "v7" ? "simple" : "simple")) as ProbeType;
      return {
        id: index + 1,
        params,
        name: params.name,
        type,
        host: params.host ?? "",
        intervalMs: parseDuration(params.interval ?? (style === "v7" ? "10s" : "1m")) ?? 10_000,
        timeoutMs: parseDuration(params.timeout ?? "1s") ?? 1000,
        disabled: params.disabled === "yes" || params.disabled === "true",
        status: "unknown",
        since: undefined,
        doneTests: 0,
        failedTests: 0,
        lossCount: 0,
        packetCount: Number(params["packet-count"] ?? (type === "icmp" ? 10 : 1)),
        rtt: undefined,
        via: undefined,
      };
    });
  }

  start(): void {
    for (const probe of this.probes) if (!probe.disabled) this.schedule(probe, 0);
  }

  stop(): void {
    for (const probe of this.probes) probe.timer?.cancel();
  }

  /** Reboot: results start over. */
  reset(): void {
    this.stop();
    for (const probe of this.probes)
      Object.assign(probe, { status: "unknown", since: undefined, doneTests: 0, failedTests: 0, rtt: undefined });
    this.start();
  }

  private schedule(probe: Probe, delay: number): void {
    probe.timer = this.clock.after(delay, () => {
      this.run(probe);
      this.schedule(probe, probe.intervalMs);
    });
  }

  private run(probe: Probe): void {
    const path = this.reach(probe);
    const up = path.up;
    probe.doneTests++;
    if (!up) probe.failedTests++;
    probe.via = path.via;
    probe.lossCount = up ? 0 : probe.packetCount;
    probe.rtt = up ? rttOf(path.via ?? probe.host, probe.doneTests) : undefined;
    const status = up ? "up" : "down";
    if (status !== probe.status) {
      probe.status = status;
      probe.since = this.clock.now();
    }
    this.onChange?.();
  }

  private reach(probe: Probe): { up: boolean; via?: string } {
    const dp = this.dataplane;
    const host = parseIp(probe.host);
    if (host === undefined) return { up: false }; // a name: the simulator resolves no DNS for netwatch
    const linkUp = (name: string): boolean => {
      const iface = dp.interfaces.get(name);
      return iface !== undefined && iface.running && !iface.disabled;
    };
    const connected = dp.config.addresses.find((a) => !a.disabled && inCidr(host, a.cidr));
    if (connected !== undefined) return { up: linkUp(connected.interface) && !dp.upstreamDown.has(probe.host), via: connected.interface };
    // src-address pins the probe to the uplink holding that address; otherwise the main table decides
    const src = probe.params["src-address"];
    const pinned = src === undefined ? undefined : dp.config.addresses.find((a) => a.text.startsWith(`${src}/`))?.interface;
    const route =
      pinned === undefined
        ? dp.routing.lookup("main")
        : dp.routing.routes.find((r) => r.active && r.via === pinned && r.config.dst.prefix === 0);
    if (route === undefined || route.via === undefined) return { up: false, via: pinned };
    return { up: linkUp(route.via) && !dp.upstreamDown.has(route.config.gateway), via: route.via };
  }
}

/** A stable RTT per uplink (5–40 ms) with a small jitter that changes from probe to probe. */
function rttOf(via: string, n: number): NonNullable<Probe["rtt"]> {
  let h = 2166136261;
  for (let i = 0; i < via.length; i++) h = Math.imul(h ^ via.charCodeAt(i), 16777619) >>> 0;
  const base = 5 + (h % 3500) / 100;
  const jitter = 0.2 + ((h >>> 8) % 150) / 100;
  const wobble = ((Math.imul(n, 2654435761) >>> 0) % 1000) / 1000 - 0.5;
  const avg = Math.round((base + wobble * jitter) * 1000) / 1000;
  return { avg, min: Math.round((avg - jitter) * 1000) / 1000, max: Math.round((avg + jitter) * 1000) / 1000, jitter, stdev: jitter / 2 };
}
