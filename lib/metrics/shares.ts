// Connections per mark → each WAN's share of the connection table, and the unmarked rest.

export type WanConnections = { wan: string; connections: number };

export type ConnectionShares = {
  total: number;
  perWan: { wan: string; connections: number; share: number | null }[];
  unmarked: { connections: number; share: number | null };
};

export function connectionShares(options: { wans: readonly WanConnections[]; total: number }): ConnectionShares {
  const marked = options.wans.reduce((sum, w) => sum + Math.max(0, w.connections), 0);
  // Counts are read one after another, so the table may have grown: never let shares exceed 1.
  const total = Math.max(options.total, marked);
  const share = (n: number): number | null => (total > 0 ? n / total : null);
  const unmarked = total - marked;
  return {
    total,
    perWan: options.wans.map((w) => ({ wan: w.wan, connections: Math.max(0, w.connections), share: share(Math.max(0, w.connections)) })),
    unmarked: { connections: unmarked, share: share(unmarked) },
  };
}
