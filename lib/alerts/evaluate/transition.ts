import type { OpenState } from "../types";

// Alert lifecycle for one (router, rule, subject). Pure: previous state + one observation + time.
// The observed value v breaches at v ≥ threshold and clears at v < clearThreshold; in between it
// keeps whatever is already happening (hysteresis). null means "cannot tell" (no fresh data).
//
//  open alert      condition      observation           → result
//  none            none           breach, for = 0       → fire (event fired), condition since now
//  none            none           breach, for > 0       → pending: condition since now
//  none            none           hold/clear/unknown    → nothing
//  none            pending(since) breach or hold        → fire if now − since ≥ for, else stay pending
//  none            pending        clear                 → drop the condition
//  none            pending        unknown               → stay pending (time keeps counting)
//  firing|acked    any            breach or hold        → unchanged (condition kept)
//  firing|acked    any            clear                 → resolve (event resolved), drop the condition
//  firing|acked    any            unknown               → unchanged
//  any             any            rule disabled         → treated as clear
// Acknowledge (an operator, not an observation): firing → acknowledged; acknowledged → unchanged.

export type PreviousState = { alert: OpenState | null; conditionSince: Date | null };

export type TransitionInput = {
  previous: PreviousState;
  value: number | null;
  settings: { enabled: boolean; threshold: number; clearThreshold: number; forSeconds: number };
  now: Date;
};

export type TransitionResult = {
  alert: OpenState | null;
  conditionSince: Date | null;
  event: "fired" | "resolved" | null;
};

export type Signal = "breach" | "hold" | "clear" | "unknown";

export function classify(options: { value: number | null; threshold: number; clearThreshold: number }): Signal {
  if (options.value === null || Number.isNaN(options.value)) return "unknown";
  if (options.value >= options.threshold) return "breach";
  if (options.value < options.clearThreshold) return "clear";
  return "hold";
}

export function nextAlertState(input: TransitionInput): TransitionResult {
  const { previous, settings, now } = input;
  const signal: Signal = settings.enabled
    ? classify({ value: input.value, threshold: settings.threshold, clearThreshold: settings.clearThreshold })
    : "clear";
  if (previous.alert) {
    if (signal === "clear") return { alert: null, conditionSince: null, event: "resolved" };
    return { alert: previous.alert, conditionSince: previous.conditionSince ?? now, event: null };
  }
  if (!previous.conditionSince) {
    if (signal !== "breach") return { alert: null, conditionSince: null, event: null };
    if (settings.forSeconds <= 0) return { alert: "firing", conditionSince: now, event: "fired" };
    return { alert: null, conditionSince: now, event: null };
  }
  if (signal === "clear") return { alert: null, conditionSince: null, event: null };
  if (signal === "unknown") return { alert: null, conditionSince: previous.conditionSince, event: null };
  const heldMs = now.getTime() - previous.conditionSince.getTime();
  if (heldMs >= settings.forSeconds * 1000) return { alert: "firing", conditionSince: previous.conditionSince, event: "fired" };
  return { alert: null, conditionSince: previous.conditionSince, event: null };
}

export type AcknowledgeResult = { state: "acknowledged"; event: "acknowledged" | null } | { state: "resolved"; event: null };

/** Acknowledging is idempotent; a resolved alert stays resolved (nothing left to acknowledge). */
export function acknowledgeState(current: OpenState | "resolved"): AcknowledgeResult {
  if (current === "resolved") return { state: "resolved", event: null };
  return { state: "acknowledged", event: current === "firing" ? "acknowledged" : null };
}
