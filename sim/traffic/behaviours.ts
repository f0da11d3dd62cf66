import { z } from "zod";

/** The kinds of client on a LAN. Durations are traffic-time (wall-clock pace), scaled by the fleet. */
export const BEHAVIOURS = ["browser", "streaming", "idle"] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export const behaviourMixSchema = z
  .object({ browser: z.number().min(0), streaming: z.number().min(0), idle: z.number().min(0) })
  .partial()
  .strict()
  .refine((mix) => Object.values(mix).some((v) => v > 0), "the behaviour mix needs at least one positive weight");

export type BehaviourMix = z.infer<typeof behaviourMixSchema>;

export const DEFAULT_MIX: Required<BehaviourMix> = { browser: 0.6, streaming: 0.15, idle: 0.25 };

/** Tunables per behaviour, chosen so a LAN looks like an office: browsing bursts, some long streams, quiet devices. */
export const PROFILE = {
  browser: {
    sessionMeanMs: 8 * 60_000,
    idleMeanMs: 12 * 60_000,
    pageGapMeanMs: 15_000,
    /** parallel connections of one page load: 1 + Pareto, capped */
    burstMax: 16,
    /** gap between the connections of one burst: they race the address-list update */
    burstSpacingMeanMs: 6,
    lifetime: { xm: 200, alpha: 1.3, max: 300_000 },
    size: { xm: 6_000, alpha: 1.1, max: 20_000_000 },
  },
  streaming: {
    gapMeanMs: 5 * 60_000,
    lifetime: { xm: 60_000, alpha: 1.2, max: 2 * 3_600_000 },
    bitrateMin: 1_500_000,
    bitrateMax: 8_000_000,
    sideGapMeanMs: 45_000,
  },
  idle: {
    gapMeanMs: 120_000,
    keepaliveLifetimeMs: 3 * 3_600_000,
  },
  /** long connections report their traffic this often */
  chunkMs: 10_000,
} as const;
