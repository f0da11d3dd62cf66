import type { SimClock } from "../engine/clock";
import type { Connection } from "../engine/connection";
import type { Dataplane } from "../engine/dataplane";
import { PROFILE, type Behaviour } from "./behaviours";
import type { Rng } from "./prng";

// Public destinations of the model (never contacted: model data only).
const DESTINATIONS = [0x5db8d822, 0x8efa4a2e, 0x9765418c, 0x68102a3b, 0xacd9100e, 0x17d7a0b4, 0x3412e20a, 0x0d6b2a0e];

export type ClientContext = { clock: SimClock; dataplane: Dataplane; lan: string; timeScale: number; onNew?: () => void };

/** One LAN client: opens connections by its behaviour, on the simulation clock, from its own PRNG. */
export class Client {
  private port: number;
  private stopped = false;
  openConnections = 0;

  constructor(
    readonly address: number,
    readonly behaviour: Behaviour,
    private readonly rng: Rng,
    private readonly ctx: ClientContext,
  ) {
    this.port = rng.int(49152, 65000);
  }

  start(): void {
    const r = this.rng;
    if (this.behaviour === "browser") {
      if (r.next() < 0.5) this.browse(r.exponential(PROFILE.browser.sessionMeanMs));
      else this.later(r.exponential(PROFILE.browser.idleMeanMs), () => this.browse(r.exponential(PROFILE.browser.sessionMeanMs)));
    } else if (this.behaviour === "streaming") {
      this.later(r.exponential(PROFILE.streaming.gapMeanMs / 4), () => this.stream());
      this.later(r.exponential(PROFILE.streaming.sideGapMeanMs), () => this.side());
    } else {
      this.later(r.exponential(PROFILE.idle.gapMeanMs), () => this.background());
      this.later(r.exponential(60_000), () => this.keepalive());
    }
  }

  stop(): void {
    this.stopped = true;
  }

  /** One browsing session: page loads until the session runs out, then an idle period. */
  private browse(remainingMs: number): void {
    if (this.stopped) return;
    const p = PROFILE.browser;
    const gap = this.rng.exponential(p.pageGapMeanMs);
    if (gap >= remainingMs) {
      this.later(this.rng.exponential(p.idleMeanMs), () => this.browse(this.rng.exponential(p.sessionMeanMs)));
      return;
    }
    this.later(gap, () => {
      this.burst();
      this.browse(remainingMs - gap);
    });
  }

  /** A page load: several parallel connections a few milliseconds apart. */
  private burst(): void {
    if (this.stopped) return;
    const p = PROFILE.browser;
    const count = Math.min(p.burstMax, Math.floor(this.rng.pareto(1, 1.2)) + 1);
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const lifetime = Math.min(p.lifetime.max, this.rng.pareto(p.lifetime.xm, p.lifetime.alpha));
      const down = Math.min(p.size.max, this.rng.pareto(p.size.xm, p.size.alpha));
      const dport = this.rng.next() < 0.9 ? 443 : 80;
      const start = offset;
      this.later(start, () => this.connect({ lifetime, down, up: 400 + down * 0.04, dport, protocol: "tcp" }));
      offset += this.rng.exponential(p.burstSpacingMeanMs);
    }
  }

  private stream(): void {
    if (this.stopped) return;
    const p = PROFILE.streaming;
    const lifetime = Math.min(p.lifetime.max, this.rng.pareto(p.lifetime.xm, p.lifetime.alpha));
    const bitrate = p.bitrateMin + this.rng.next() * (p.bitrateMax - p.bitrateMin);
    const down = (bitrate / 8) * (lifetime / 1000);
    this.connect({ lifetime, down, up: down * 0.02, dport: 443, protocol: "tcp" });
    this.later(lifetime + this.rng.exponential(p.gapMeanMs), () => this.stream());
  }

  private side(): void {
    if (this.stopped) return;
    this.connect({ lifetime: 300, down: 3000, up: 800, dport: 443, protocol: "tcp" });
    this.later(this.rng.exponential(PROFILE.streaming.sideGapMeanMs), () => this.side());
  }

  private background(): void {
    if (this.stopped) return;
    this.connect({ lifetime: 50, down: 200, up: 80, dport: 53, protocol: "udp" });
    this.connect({ lifetime: 800, down: 4000, up: 1200, dport: 443, protocol: "tcp" });
    this.later(this.rng.exponential(PROFILE.idle.gapMeanMs), () => this.background());
  }

  /** A push-notification style connection: open for hours, a trickle of bytes. */
  private keepalive(): void {
    if (this.stopped) return;
    const lifetime = this.rng.exponential(PROFILE.idle.keepaliveLifetimeMs);
    this.connect({ lifetime, down: lifetime / 100, up: lifetime / 200, dport: 5223, protocol: "tcp" });
    this.later(lifetime + 1000, () => this.keepalive());
  }

  private connect({
    lifetime,
    down,
    up,
    dport,
    protocol,
  }: {
    lifetime: number;
    down: number;
    up: number;
    dport: number;
    protocol: "tcp" | "udp";
  }): void {
    if (this.stopped) return;
    const { dataplane, lan } = this.ctx;
    this.port = this.port >= 65535 ? 49152 : this.port + 1;
    const dst = DESTINATIONS[(this.address + dport + this.port) % DESTINATIONS.length]!;
    const conn = dataplane.openConnection({ protocol, src: this.address, sport: this.port, dst, dport, lan });
    this.ctx.onNew?.();
    this.openConnections++;
    this.progress({ conn, remainingMs: lifetime, down, up, startedAt: this.ctx.clock.now() });
  }

  /** Long connections report their bytes every chunk; short ones once, when they end. */
  private progress({
    conn,
    remainingMs,
    down,
    up,
    startedAt,
  }: {
    conn: Connection;
    remainingMs: number;
    down: number;
    up: number;
    startedAt: number;
  }): void {
    const chunk = Math.min(remainingMs, PROFILE.chunkMs);
    const share = remainingMs <= 0 ? 1 : chunk / remainingMs;
    this.later(chunk, () => {
      if (this.stopped) return;
      if (conn.removed) {
        this.openConnections--;
        return;
      }
      const downBytes = Math.round(down * share);
      const upBytes = Math.round(up * share);
      const downPackets = Math.ceil(downBytes / 1400);
      const acks = Math.floor(downPackets / 2);
      const { dataplane, lan, clock } = this.ctx;
      dataplane.transfer(
        conn,
        { upBytes: upBytes + acks * 52, upPackets: Math.ceil(upBytes / 1000) + acks, downBytes, downPackets },
        lan,
        clock.now() - startedAt,
      );
      if (chunk >= remainingMs) {
        dataplane.close(conn);
        this.openConnections--;
      } else {
        this.progress({ conn, remainingMs: remainingMs - chunk, down: down - downBytes, up: up - upBytes, startedAt: clock.now() });
      }
    });
  }

  /**
   * Schedules in traffic time: the router's clock runs timeScale times faster. No wrapper closure per
   * event (hundreds of thousands are pending in a fleet): the steps check `stopped` themselves.
   */
  private later(trafficMs: number, run: () => void): void {
    if (this.stopped) return;
    this.ctx.clock.after(trafficMs * this.ctx.timeScale, run);
  }
}
