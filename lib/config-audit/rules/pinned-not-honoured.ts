import { formatInt } from "../../format/number";
import { pct, type FindingRule } from "../context";
import type { Finding } from "../types";
import { checkLists, honourListOption, listCheckText } from "./list-rules";

// A list with static ("pinned") entries must be read by a rule ahead of the classifiers, or a pinned
// client's new connections are classified again, the classifier's own list gets it, and it is dual-listed.

export const pinnedNotHonoured: FindingRule = {
  code: "pinned-not-honoured",
  run(ctx) {
    const pinned = ctx.model.snapshot.pinned.filter((p) => !p.disabled);
    return checkLists(ctx).flatMap((check): Finding[] => {
      const mine = pinned.filter((p) => p.list === check.list);
      if (check.honoured || mine.length === 0) return [];
      const addresses = new Set(mine.map((p) => p.address));
      const dual = ctx.evidence.pinnedDualListed.filter((a) => addresses.has(a));
      const fix = honourListOption(ctx, { code: "pinned-not-honoured", check });
      return [
        {
          code: "pinned-not-honoured",
          severity: dual.length > 0 ? "critical" : "warning",
          subject: check.list,
          title: `Pinned clients of ${check.list} are classified again${dual.length ? ` (${formatInt(dual.length)} dual-listed)` : ""}`,
          summary: `${formatInt(mine.length)} pinned on ${check.list}; ${pct(check.lost)} of their new connections re-classified; ${formatInt(dual.length)} dual-listed now`,
          rules: check.reclassifiedBy.map((r) => r.ref),
          evidence: [
            { label: `Static (pinned) entries on ${check.list}`, value: formatInt(mine.length), measured: true },
            {
              label: "Pinned clients on another list too",
              value: dual.length ? `${formatInt(dual.length)}: ${dual.slice(0, 10).join(", ")}` : "none right now",
              measured: true,
            },
            { label: "What the rules do with them", value: listCheckText(ctx, check), measured: false },
          ],
          explanation: [
            `No rule above the classifiers reads list ${check.list}, so a pinned client's new connection reaches the classifier like any other. The classifier marks it for whichever WAN its counter or hash says, and that WAN's add-src-to-address-list rule puts the client on its list: the pinned client is now on two lists, and its pin does not decide its WAN.`,
          ],
          fixes: fix ? [fix] : [],
        },
      ];
    });
  },
};
