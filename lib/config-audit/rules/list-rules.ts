import { classifierRules, fixMarker, pct, wanNameByMark, type AuditContext } from "../context";
import type { AuditRule } from "../model";
import type { FindingCode, FixCommand, FixOption, RuleRef } from "../types";
import { walkNewConnection, type WalkOutcome } from "../walk-chain";

// Shared by the list findings: does a client the rules see on a WAN list keep that WAN for its new
// connections (the list is "honoured" ahead of the classifiers), and the fix that makes it so.

export type ListCheck = {
  list: string;
  mark: string;
  wan: string;
  honoured: boolean;
  /** Share of such a client's new connections that end elsewhere or are classified again. */
  lost: number;
  outcomes: WalkOutcome[];
  /** Classifier rules that re-classify a listed client. */
  reclassifiedBy: AuditRule[];
};

export function checkLists(ctx: AuditContext): ListCheck[] {
  return ctx.model.setup.wans.flatMap((wan) => {
    if (!wan.addressList) return [];
    const outcomes = walkNewConnection({ rules: ctx.model.mangle, traffic: ctx.traffic, visibleLists: new Set([wan.addressList]) });
    const bad = outcomes.filter(
      (o) => o.connMark !== wan.connectionMark || o.classifiedBy.length > 0 || o.addedLists.some((l) => l !== wan.addressList),
    );
    const ids = new Set(bad.flatMap((o) => o.classifiedBy));
    return [
      {
        list: wan.addressList,
        mark: wan.connectionMark,
        wan: wan.name,
        honoured: bad.length === 0,
        lost: bad.reduce((s, o) => s + o.p, 0),
        outcomes,
        reclassifiedBy: ctx.model.mangle.filter((r) => ids.has(r.id)),
      },
    ];
  });
}

export function listCheckText(ctx: AuditContext, check: ListCheck): string {
  const ends = new Map<string, number>();
  for (const o of check.outcomes) ends.set(o.connMark, (ends.get(o.connMark) ?? 0) + o.p);
  const where = [...ends].map(([mark, p]) => `${mark ? wanNameByMark(ctx, mark) : "unmarked"} ${pct(p)}`).join(", ");
  return `a new connection of a client on list ${check.list} ends ${where}${check.reclassifiedBy.length ? `; re-classified by ${check.reclassifiedBy.map((r) => `#${r.ref.position} (${r.id})`).join(", ")}` : ""}`;
}

/** Rules that honour `list` (mark-connection, then mark-routing with passthrough=no), before the first classifier. */
export function honourListOption(ctx: AuditContext, options: { code: FindingCode; check: ListCheck }): FixOption | null {
  const first = classifierRules(ctx)[0];
  const wan = ctx.model.setup.wans.find((w) => w.addressList === options.check.list);
  const routingMark = wan?.routingMark ?? wan?.routingTable;
  if (!first || !wan || !routingMark) return null;
  const list = options.check.list;
  const existing = (action: string) =>
    ctx.model.mangle.find(
      (r) =>
        !r.disabled &&
        r.chain === "prerouting" &&
        r.action === action &&
        r.srcAddressList?.value === list &&
        !r.srcAddressList.negated &&
        !r.nth &&
        !r.pcc &&
        (action === "mark-connection" ? r.newConnectionMark === wan.connectionMark : r.newRoutingMark === routingMark),
    );
  const markConn = existing("mark-connection");
  const markRoute = existing("mark-routing");
  const commands: FixCommand[] = [];
  const touches: RuleRef[] = [first.ref];
  const classMatchers = Object.fromEntries(ctx.traffic);
  const marker = fixMarker(ctx, options.code, `honour-${list}`);
  if (markConn && markRoute && markConn.order < markRoute.order && markRoute.order > first.order) {
    // The rules exist but come after the classifiers: move them up rather than add copies.
    for (const rule of [markConn, markRoute]) {
      if (rule.order > first.order) commands.push({ op: "move", path: "/ip/firewall/mangle", id: rule.id, destination: first.id });
      touches.push(rule.ref);
    }
  } else {
    const base = { chain: "prerouting", "src-address-list": list, ...classMatchers };
    commands.push(
      {
        op: "add",
        path: "/ip/firewall/mangle",
        props: { ...base, action: "mark-connection", "new-connection-mark": wan.connectionMark, passthrough: "yes", comment: marker },
        placeBefore: first.id,
      },
      {
        op: "add",
        path: "/ip/firewall/mangle",
        props: { ...base, action: "mark-routing", "new-routing-mark": routingMark, passthrough: "no", comment: marker },
        placeBefore: first.id,
      },
    );
  }
  return {
    id: `honour-${list}`,
    title: `Honour list ${list} ahead of the classifiers`,
    description: [
      `A client the rules see on ${list} gets connection mark ${wan.connectionMark} and routing mark ${routingMark} and stops there (passthrough=no), before any classifier counts it: pinned and moved clients keep WAN ${wan.name}.`,
    ],
    commands,
    touches,
    expectation: {
      summary: `every new connection of a client on ${list} leaves by ${wan.name}; no pinned client newly dual-listed`,
      checks: [{ kind: "no-new-dual-listed-pinned" }],
      minNewConnections: 0,
      minMinutes: 30,
    },
  };
}
