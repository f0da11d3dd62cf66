import type { RuleKind } from "../types";

export type SilenceWindow = { id: number; routerId: number | null; rule: RuleKind | null; startsAt: Date; endsAt: Date; reason: string };

/** The silence that mutes this router's rule at `now`, if any: null router or rule means "all". */
export function findSilence(options: {
  silences: readonly SilenceWindow[];
  routerId: number;
  rule: RuleKind;
  now: Date;
}): SilenceWindow | null {
  const t = options.now.getTime();
  return (
    options.silences.find(
      (s) =>
        (s.routerId === null || s.routerId === options.routerId) &&
        (s.rule === null || s.rule === options.rule) &&
        s.startsAt.getTime() <= t &&
        t < s.endsAt.getTime(),
    ) ?? null
  );
}
