import { createHash } from "node:crypto";
import { RouterSession, type RouterSessionOptions } from "./session";

// One session per router in a worker process, keyed by router id. When a router's connection settings
// change (address, port, TLS, credentials) its session is closed and made anew on the next get().

export type RouterConnectionSettings = Pick<RouterSessionOptions, "host" | "port" | "user" | "password" | "tls">;

type Entry = { session: RouterSession; settingsHash: string };

function hashSettings(settings: RouterConnectionSettings): string {
  const { host, port, user, password, tls } = settings;
  // Hashed so the map key never holds the password in clear.
  return createHash("sha256")
    .update(JSON.stringify([host, port ?? null, user, password, tls ?? null]))
    .digest("hex");
}

export class RouterSessionManager {
  private readonly sessions = new Map<string, Entry>();

  constructor(private readonly defaults: Omit<RouterSessionOptions, keyof RouterConnectionSettings | "routerId"> = {}) {}

  get size(): number {
    return this.sessions.size;
  }

  get(routerId: string, settings: RouterConnectionSettings): RouterSession {
    const settingsHash = hashSettings(settings);
    const existing = this.sessions.get(routerId);
    if (existing && existing.settingsHash === settingsHash && existing.session.state !== "closed") return existing.session;
    if (existing) void existing.session.close();
    const session = new RouterSession({ ...this.defaults, ...settings, routerId });
    this.sessions.set(routerId, { session, settingsHash });
    return session;
  }

  peek(routerId: string): RouterSession | undefined {
    return this.sessions.get(routerId)?.session;
  }

  async drop(routerId: string): Promise<void> {
    const entry = this.sessions.get(routerId);
    this.sessions.delete(routerId);
    await entry?.session.close();
  }

  async closeAll(): Promise<void> {
    const entries = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(entries.map((e) => e.session.close()));
  }
}
