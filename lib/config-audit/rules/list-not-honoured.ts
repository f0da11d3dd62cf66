import { pct, type FindingRule } from "../context";
import type { Finding } from "../types";
import { checkLists, honourListOption, listCheckText } from "./list-rules";

// A WAN list that no rule reads ahead of the classifiers makes no client sticky. With a per-connection
// classifier (nth) every connection is classified again; with PCC src-address only moves and pins from
// WANscope have no effect. Lists with pinned entries are the pinned-not-honoured finding instead.

export const listNotHonoured: FindingRule = {
  code: "list-not-honoured",
  run(ctx) {
    const pinnedLists = new Set(ctx.model.snapshot.pinned.filter((p) => !p.disabled).map((p) => p.list));
    const perConnection = ctx.unlisted.some((o) => o.perConnection && o.classifiedBy.length > 0);
    return checkLists(ctx).flatMap((check): Finding[] => {
      if (check.honoured || pinnedLists.has(check.list)) return [];
      const fix = honourListOption(ctx, { code: "list-not-honoured", check });
      return [
        {
          code: "list-not-honoured",
          severity: perConnection ? "critical" : "info",
          subject: check.list,
          title: `List ${check.list} does not keep its clients on ${check.wan}`,
          summary: `${pct(check.lost)} of new connections of its clients re-classified`,
          rules: check.reclassifiedBy.map((r) => r.ref),
          evidence: [{ label: "What the rules do with its clients", value: listCheckText(ctx, check), measured: false }],
          explanation: perConnection
            ? [
                `Clients are added to ${check.list}, but no rule above the classifiers reads it, so each new connection is classified again per connection: the list gives no stickiness, clients switch WAN between connections and land on several lists.`,
              ]
            : [
                `The classifier is a function of the client's address, so clients keep their WAN anyway; but since no rule reads ${check.list} ahead of it, moving or pinning a client from WANscope changes nothing.`,
              ],
          fixes: fix ? [fix] : [],
        },
      ];
    });
  },
};
