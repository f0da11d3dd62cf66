/** A WAN's newest sample, as the fleet snapshot and the router page read it. */
export type LatestWanSample = { wanId: number; at: Date; rxBps: number | null; txBps: number | null; connections: number; newConnections: number | null; routeActive: boolean; running: boolean };
