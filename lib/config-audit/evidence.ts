// What WANscope measured on a router, for the findings to quote next to what its rules say. Loaded from
// Postgres (load-evidence.ts); every part may be missing on a router that was never polled.

export type MeasuredSplit = {
  from: Date;
  to: Date;
  /** New connections that reached the classifier rules (the poller's measured split). */
  total: number;
  perWan: { wan: string; count: number }[];
  unmarked: number;
  polls: number;
};

export type AuditEvidence = {
  now: Date;
  pollIntervalSec: number;
  split: MeasuredSplit | null;
  dualListed: { now: number; last24h: number; examples: string[] } | null;
  /** Pinned (static) clients of the WAN lists that are on another list as well right now. */
  pinnedDualListed: string[];
  /** WANscope's view of each WAN: the expected weight an operator may have corrected, live connections. */
  wans: { name: string; expectedWeight: number; corrected: boolean; gateway: string | null; connections: number | null }[];
  /** Clients per list in the newest poll. */
  listSizes: Record<string, number>;
};

export function emptyEvidence(options: { now: Date; pollIntervalSec?: number }): AuditEvidence {
  return {
    now: options.now,
    pollIntervalSec: options.pollIntervalSec ?? 10,
    split: null,
    dualListed: null,
    pinnedDualListed: [],
    wans: [],
    listSizes: {},
  };
}
