// Rates from monotonically increasing counters (interface bytes, rule packets). A counter that went
// back was reset (reboot, counter reset, wrap): that interval has no rate, never a negative one.

export type CounterSample = { at: number; value: number };

export type CounterDelta =
  | { kind: "delta"; delta: number; seconds: number; perSecond: number }
  | { kind: "reset"; reason: "reboot" | "went_back" }
  | { kind: "none"; reason: "no_previous" | "bad_interval" | "bad_value" };

export function counterDelta(options: { prev: CounterSample | null | undefined; curr: CounterSample; rebooted?: boolean }): CounterDelta {
  const { prev, curr } = options;
  if (!prev) return { kind: "none", reason: "no_previous" };
  if (!Number.isFinite(prev.value) || !Number.isFinite(curr.value) || prev.value < 0 || curr.value < 0) {
    return { kind: "none", reason: "bad_value" };
  }
  if (options.rebooted) return { kind: "reset", reason: "reboot" };
  const seconds = (curr.at - prev.at) / 1000;
  if (!(seconds > 0)) return { kind: "none", reason: "bad_interval" };
  const delta = curr.value - prev.value;
  if (delta < 0) return { kind: "reset", reason: "went_back" };
  return { kind: "delta", delta, seconds, perSecond: delta / seconds };
}

/** Byte counters → bits per second; null when the interval has no trustworthy rate. */
export function bitsPerSecond(options: { prev: CounterSample | null | undefined; curr: CounterSample; rebooted?: boolean }): number | null {
  const d = counterDelta(options);
  return d.kind === "delta" ? d.perSecond * 8 : null;
}

export type InterfaceCounters = { at: number; rxBytes: number; txBytes: number };

export function interfaceThroughput(options: { prev: InterfaceCounters | null | undefined; curr: InterfaceCounters; rebooted?: boolean }): {
  rxBps: number | null;
  txBps: number | null;
} {
  const { prev, curr, rebooted } = options;
  const pick = (key: "rxBytes" | "txBytes") => ({
    prev: prev ? { at: prev.at, value: prev[key] } : null,
    curr: { at: curr.at, value: curr[key] },
    rebooted,
  });
  return { rxBps: bitsPerSecond(pick("rxBytes")), txBps: bitsPerSecond(pick("txBytes")) };
}
