// How far each WAN's observed share is from its expected weight. Both sides are normalised over the
// WANs given, so callers choose whether "unmarked" takes part (pass it as one more entry if so).

export type ImbalanceInput = { wan: string; observed: number; expectedWeight: number };

export type Imbalance = {
  perWan: { wan: string; share: number; expected: number; deviation: number }[];
  /** max |share − expected|, 0..1; null when nothing was observed. */
  maxDeviation: number | null;
  worstWan: string | null;
};

export function imbalance(wans: readonly ImbalanceInput[]): Imbalance {
  const observedTotal = wans.reduce((s, w) => s + Math.max(0, w.observed), 0);
  const weightTotal = wans.reduce((s, w) => s + Math.max(0, w.expectedWeight), 0);
  if (observedTotal <= 0 || weightTotal <= 0) {
    return { perWan: wans.map((w) => ({ wan: w.wan, share: 0, expected: 0, deviation: 0 })), maxDeviation: null, worstWan: null };
  }
  const perWan = wans.map((w) => {
    const share = Math.max(0, w.observed) / observedTotal;
    const expected = Math.max(0, w.expectedWeight) / weightTotal;
    return { wan: w.wan, share, expected, deviation: share - expected };
  });
  let worst: (typeof perWan)[number] | undefined;
  for (const w of perWan) if (!worst || Math.abs(w.deviation) > Math.abs(worst.deviation) + 1e-12) worst = w; // ties: first WAN
  return { perWan, maxDeviation: worst ? Math.abs(worst.deviation) : null, worstWan: worst?.wan ?? null };
}
