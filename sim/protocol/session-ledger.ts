// Per-service API session accounting of one router: open connections, logged-in sessions, logins and
// logouts, and the `max-sessions` limit of `/ip service` (RouterOS default 20, range 1..1000). The
// limit counts connections, not logins: a connection that never logs in still holds a slot.

export type ServiceName = "api" | "api-ssl";

export const SERVICE_NAMES: readonly ServiceName[] = ["api", "api-ssl"];

export const DEFAULT_MAX_SESSIONS = 20;

export type ServiceSettings = { maxSessions: number; disabled: boolean };

export type ServiceCounts = {
  open: number;
  loggedIn: number;
  maxSessions: number;
  disabled: boolean;
  loginsTotal: number;
  logoutsTotal: number;
  /** connections closed at once because the service was at max-sessions or disabled */
  refusedTotal: number;
  /** connections closed because they did not log in in time or stalled inside a sentence */
  timedOutTotal: number;
};

export type SessionCounts = {
  open: number;
  loggedIn: number;
  byService: Record<ServiceName, ServiceCounts>;
  loginsTotal: number;
  logoutsTotal: number;
  refusedTotal: number;
  timedOutTotal: number;
};

export class SessionLedger {
  private readonly services: Record<ServiceName, ServiceCounts>;

  constructor(settings: Partial<Record<ServiceName, Partial<ServiceSettings>>> = {}) {
    const make = (name: ServiceName): ServiceCounts => ({
      open: 0,
      loggedIn: 0,
      maxSessions: settings[name]?.maxSessions ?? DEFAULT_MAX_SESSIONS,
      disabled: settings[name]?.disabled ?? false,
      loginsTotal: 0,
      logoutsTotal: 0,
      refusedTotal: 0,
      timedOutTotal: 0,
    });
    this.services = { api: make("api"), "api-ssl": make("api-ssl") };
  }

  settings(service: ServiceName): ServiceSettings {
    const s = this.services[service];
    return { maxSessions: s.maxSessions, disabled: s.disabled };
  }

  /** `/ip service set`: a lower limit keeps the sessions already open and refuses only new ones. */
  configure(service: ServiceName, change: Partial<ServiceSettings>): void {
    const s = this.services[service];
    if (change.maxSessions !== undefined) s.maxSessions = change.maxSessions;
    if (change.disabled !== undefined) s.disabled = change.disabled;
  }

  /** A new TCP connection to the service: takes a slot, or returns false when it must be closed at once. */
  admit(service: ServiceName): boolean {
    const s = this.services[service];
    if (s.disabled || s.open >= s.maxSessions) {
      s.refusedTotal++;
      return false;
    }
    s.open++;
    return true;
  }

  /** The connection of an admitted slot is gone. */
  release(service: ServiceName): void {
    const s = this.services[service];
    s.open = Math.max(0, s.open - 1);
  }

  timedOut(service: ServiceName): void {
    this.services[service].timedOutTotal++;
  }

  login(service: ServiceName): void {
    const s = this.services[service];
    s.loggedIn++;
    s.loginsTotal++;
  }

  logout(service: ServiceName): void {
    const s = this.services[service];
    s.loggedIn = Math.max(0, s.loggedIn - 1);
    s.logoutsTotal++;
  }

  counts(): SessionCounts {
    const byService = { api: { ...this.services.api }, "api-ssl": { ...this.services["api-ssl"] } };
    const sum = (key: "open" | "loggedIn" | "loginsTotal" | "logoutsTotal" | "refusedTotal" | "timedOutTotal"): number =>
      byService.api[key] + byService["api-ssl"][key];
    return {
      open: sum("open"),
      loggedIn: sum("loggedIn"),
      byService,
      loginsTotal: sum("loginsTotal"),
      logoutsTotal: sum("logoutsTotal"),
      refusedTotal: sum("refusedTotal"),
      timedOutTotal: sum("timedOutTotal"),
    };
  }
}
