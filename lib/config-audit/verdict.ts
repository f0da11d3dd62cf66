import { formatInt } from "../format/number";
import { pct } from "./context";
import type { MeasuredSplit } from "./evidence";
import type { Expectation, ExpectationCheck } from "./types";

// Did an applied fix do what it promised? Judged on what was measured since it was applied, once enough
// new connections (and minutes) were seen to tell; until then it is "watching". Pure: `now` and the
// measurements are parameters.

export type VerdictState = "watching" | "kept" | "not-kept";

export type Verdict = {
  state: VerdictState;
  summary: string;
  seen: { newConnections: number; minutes: number };
  checks: { text: string; ok: boolean | null }[];
};

export type VerdictInput = {
  expectation: Expectation;
  appliedAt: Date;
  now: Date;
  /** Measured since the first poll after the fix. */
  split: MeasuredSplit | null;
  newDualListed: readonly string[];
  newDualListedPinned: readonly string[];
};

function checkText(check: ExpectationCheck, input: VerdictInput): { text: string; ok: boolean | null } {
  const split = input.split;
  const total = split?.total ?? 0;
  switch (check.kind) {
    case "share": {
      const count = split?.perWan.find((w) => w.wan === check.wan)?.count ?? 0;
      const share = total > 0 ? count / total : null;
      return {
        text: `${check.wan}: ${share === null ? "—" : pct(share)} of new connections (promised ${pct(check.target)} ± ${pct(check.tolerance)})`,
        ok: share === null ? null : Math.abs(share - check.target) <= check.tolerance,
      };
    }
    case "unmarked": {
      const share = total > 0 ? (split?.unmarked ?? 0) / total : null;
      return {
        text: `unmarked: ${share === null ? "—" : pct(share)} of new connections (promised at most ${pct(check.max)})`,
        ok: share === null ? null : share <= check.max,
      };
    }
    case "no-new-dual-listed":
      return {
        text: `clients newly dual-listed: ${formatInt(input.newDualListed.length)}${input.newDualListed.length ? ` (${input.newDualListed.slice(0, 5).join(", ")})` : ""} (promised none)`,
        ok: input.newDualListed.length === 0,
      };
    case "no-new-dual-listed-pinned":
      return {
        text: `pinned clients newly dual-listed: ${formatInt(input.newDualListedPinned.length)} (promised none)`,
        ok: input.newDualListedPinned.length === 0,
      };
  }
}

export function judgeFix(input: VerdictInput): Verdict {
  const { expectation } = input;
  const minutes = Math.max(0, (input.now.getTime() - input.appliedAt.getTime()) / 60_000);
  const newConnections = input.split?.total ?? 0;
  const seen = { newConnections, minutes: Math.floor(minutes) };
  const checks = expectation.checks.map((c) => checkText(c, input));
  if (expectation.checks.length === 0)
    return { state: "kept", summary: "Verified by the read-back: the router's rules are as the fix promised.", seen, checks };
  const waitingFor = [
    newConnections < expectation.minNewConnections
      ? `${formatInt(newConnections)} of ${formatInt(expectation.minNewConnections)} new connections`
      : null,
    minutes < expectation.minMinutes ? `${Math.floor(minutes)} of ${expectation.minMinutes} minutes` : null,
  ].filter((x): x is string => x !== null);
  // A broken promise about dual-listing is final at once: a dual-listed client cannot be un-seen.
  const brokenEarly = checks.some((c, i) => c.ok === false && expectation.checks[i]!.kind.startsWith("no-new-dual"));
  if (waitingFor.length > 0 && !brokenEarly)
    return { state: "watching", summary: `Watching: ${waitingFor.join(", ")} seen so far.`, seen, checks };
  const failed = checks.filter((c) => c.ok === false);
  if (failed.length > 0)
    return { state: "not-kept", summary: `Did not do what it promised: ${failed.map((c) => c.text).join("; ")}.`, seen, checks };
  if (checks.some((c) => c.ok === null)) return { state: "watching", summary: "Watching: nothing measured yet.", seen, checks };
  return {
    state: "kept",
    summary: `Did what it promised over ${formatInt(newConnections)} new connections and ${Math.floor(minutes)} minutes: ${expectation.summary}.`,
    seen,
    checks,
  };
}
