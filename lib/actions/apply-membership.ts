import type { RouterClient } from "../routeros";
import { addListEntry, readClientEntries, removeClientConnections, removeListEntries } from "../routeros";

// The one router write behind move, pin, unpin and resolve: leave the client on exactly one WAN list,
// as a dynamic entry (the list's own timeout) or a static one (pinned). Idempotent: a second run finds
// the state already right and changes nothing but the drop of connections that came since.

export type Membership = Array<{ list: string; dynamic: boolean; timeoutSeconds: number | null; disabled: boolean }>;

export type MembershipPlan = {
  address: string;
  /** Every WAN list of the router: the client is removed from all but the target. */
  wanLists: string[];
  targetList: string;
  pinned: boolean;
  /** For a dynamic entry: the router's address-list-timeout of the target list's rule. */
  timeoutSeconds: number | null;
  dropConnections: boolean;
};

export async function readMembership(options: {
  client: Pick<RouterClient, "run">;
  address: string;
  wanLists: string[];
}): Promise<Membership> {
  const { client } = options;
  const entries = await readClientEntries({ client, address: options.address, lists: options.wanLists });
  return entries
    .map((e) => ({ list: e.list, dynamic: e.dynamic, timeoutSeconds: e.timeoutSeconds, disabled: e.disabled }))
    .sort((a, b) => a.list.localeCompare(b.list));
}

export async function applyMembership({
  client,
  plan,
}: {
  client: Pick<RouterClient, "run">;
  plan: MembershipPlan;
}): Promise<{ removedEntries: number; added: boolean; droppedConnections: number }> {
  const entries = await readClientEntries({ client, address: plan.address, lists: plan.wanLists });
  const wantStatic = plan.pinned || plan.timeoutSeconds === null;
  const keep = entries.find((e) => e.list === plan.targetList && !e.disabled && e.dynamic === !wantStatic);
  const remove = entries.filter((e) => e !== keep);
  await removeListEntries({ client, ids: remove.map((e) => e.id) });
  if (!keep)
    await addListEntry({ client, list: plan.targetList, address: plan.address, timeoutSeconds: wantStatic ? null : plan.timeoutSeconds });
  const droppedConnections = plan.dropConnections ? await removeClientConnections({ client, address: plan.address }) : 0;
  return { removedEntries: remove.length, added: !keep, droppedConnections };
}

/** The read-back check: on the target list only, static when pinned. */
export function membershipMatches(membership: Membership, plan: Pick<MembershipPlan, "targetList" | "pinned" | "timeoutSeconds">): boolean {
  const wantStatic = plan.pinned || plan.timeoutSeconds === null;
  return (
    membership.length === 1 && membership[0]!.list === plan.targetList && membership[0]!.dynamic === !wantStatic && !membership[0]!.disabled
  );
}
