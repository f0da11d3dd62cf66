import type { ErrorCode } from "@/lib/errors";
import { isAppError } from "@/lib/errors";
import type { RouterClient } from "./client";
import { wanListsOf } from "../metrics/wan-lists";
import { readAddressList, type AddressListEntry } from "./datasources/address-lists";
import { readConnectionCounts, type ConnectionCounts } from "./datasources/connection-counts";
import { readInterfaces, type InterfaceStats } from "./datasources/interfaces";
import { readMangleCounters, type RuleCounter } from "./datasources/mangle";
import { readDefaultRoutes, type DefaultRoute } from "./datasources/routes";
import { readSystemIdentity, type SystemIdentity } from "./datasources/system-identity";
import { readSystemResource, type SystemResource } from "./datasources/system-resource";
import { wanInterfaces, type BalancingSetup } from "./discover";
import { isConnectionLevel } from "./errors";
import type { WireStats } from "./session";

// One poll: everything the metrics need, in few small commands (count-only per mark, one list at a
// time, default routes only, classifier counters only). A part that fails with a trap, a timeout or
// a bad value becomes an issue and the rest still arrives; a lost connection fails the whole poll.

export type PollIssue = { part: string; code: ErrorCode; message: string };

export type PollSnapshot = {
  resource: SystemResource;
  identity: SystemIdentity | null;
  interfaces: InterfaceStats[] | null;
  connections: ConnectionCounts | null;
  /** Only the lists read successfully; a list missing here was not read (see issues), not emptied. */
  addressLists: { list: string; entries: AddressListEntry[] }[];
  routes: DefaultRoute[] | null;
  /** Packet counters of the setup's classifier rules. */
  classifierCounters: RuleCounter[] | null;
  issues: PollIssue[];
  /** Commands sent and bytes on the wire for this poll (includes anything else in flight meanwhile). */
  commands: number;
  bytesRead: number;
  bytesWritten: number;
  durationMs: number;
};

export type PollClient = RouterClient & { wireStats?(): WireStats };

type Part<T> = { part: string; run: () => Promise<T> };

function issueOf(part: string, error: unknown): PollIssue {
  if (isAppError(error)) return { part, code: error.code, message: error.message };
  return { part, code: "internal", message: error instanceof Error ? error.message : String(error) };
}

export async function pollRouter(options: { session: PollClient; setup: BalancingSetup }): Promise<PollSnapshot> {
  const { session, setup } = options;
  const started = performance.now();
  const before = session.wireStats?.();
  const lists = wanListsOf(setup.wans);
  const classifierIds = new Set(setup.classifiers.map((c) => c.ruleId));
  const issues: PollIssue[] = [];

  const settle = async <T>(part: Part<T>): Promise<{ part: string; ok: true; value: T } | { part: string; ok: false; error: unknown }> => {
    try {
      return { part: part.part, ok: true, value: await part.run() };
    } catch (error) {
      return { part: part.part, ok: false, error };
    }
  };

  const [resource, identity, interfaces, connections, routes, counters, ...listResults] = await Promise.all([
    settle({ part: "resource", run: () => readSystemResource({ client: session }) }),
    settle({ part: "identity", run: () => readSystemIdentity({ client: session }) }),
    settle({ part: "interfaces", run: () => readInterfaces({ client: session, names: wanInterfaces(setup) }) }),
    settle({
      part: "connections",
      run: () => readConnectionCounts({ client: session, marks: setup.wans.map((w) => w.connectionMark) }),
    }),
    settle({ part: "routes", run: () => readDefaultRoutes({ client: session }) }),
    settle({
      part: "classifiers",
      run: async () =>
        classifierIds.size === 0 ? [] : (await readMangleCounters({ client: session })).filter((c) => classifierIds.has(c.id)),
    }),
    ...lists.map((list) =>
      settle({ part: `address-list:${list}`, run: async () => ({ list, entries: await readAddressList({ client: session, list }) }) }),
    ),
  ]);

  const all = [resource, identity, interfaces, connections, routes, counters, ...listResults];
  const fatal = all.find((r) => !r.ok && isConnectionLevel(r.error));
  // Timeouts make the session drop the connection, which then fails the other parts as "lost":
  // the timeout is the cause worth reporting.
  const timedOut = all.find((r) => !r.ok && isAppError(r.error) && r.error.code === "router_timeout");
  if (fatal && !fatal.ok) throw timedOut && !timedOut.ok ? timedOut.error : fatal.error;
  if (!resource.ok) throw resource.error;
  for (const r of all) if (!r.ok) issues.push(issueOf(r.part, r.error));

  const value = <T>(r: { ok: true; value: T } | { ok: false }): T | null => (r.ok ? r.value : null);
  const classifierCounters = value(counters);
  if (classifierCounters) {
    const seen = new Set(classifierCounters.map((c) => c.id));
    for (const id of classifierIds) {
      if (!seen.has(id))
        issues.push({ part: "classifiers", code: "router_protocol", message: `mangle rule ${id} is gone; run discovery again` });
    }
  }
  const after = session.wireStats?.();
  return {
    resource: resource.value,
    identity: value(identity),
    interfaces: value(interfaces),
    connections: value(connections),
    addressLists: listResults.flatMap((r) => (r.ok ? [r.value] : [])),
    routes: value(routes),
    classifierCounters,
    issues,
    commands: before && after ? after.commands - before.commands : 0,
    bytesRead: before && after ? after.bytesRead - before.bytesRead : 0,
    bytesWritten: before && after ? after.bytesWritten - before.bytesWritten : 0,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Counters keyed by rule id, as metrics' newConnectionSplit takes them. */
export function countersById(counters: readonly RuleCounter[]): Map<string, number> {
  return new Map(counters.map((c) => [c.id, c.packets]));
}
