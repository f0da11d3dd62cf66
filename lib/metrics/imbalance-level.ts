// Buckets for the imbalance indicator: how far the worst WAN's share of marked connections is from
// its expected weight. Alert thresholds (issue 6) may differ; these only colour the overview.

export type ImbalanceLevel = "balanced" | "skewed" | "imbalanced" | "no-data";

export const SKEWED_AT = 0.1;
export const IMBALANCED_AT = 0.2;

export function imbalanceLevel(maxDeviation: number | null): ImbalanceLevel {
  if (maxDeviation === null) return "no-data";
  if (maxDeviation >= IMBALANCED_AT - 1e-9) return "imbalanced";
  if (maxDeviation >= SKEWED_AT - 1e-9) return "skewed";
  return "balanced";
}
