import { formatInt } from "../../format/number";
import { classifierRules, pct, ruleLabel, type AuditContext, type FindingRule } from "../context";
import { convertToPccOption } from "../pcc-plan";
import type { EvidenceItem, Finding } from "../types";

// A client's first connections can land on two WANs when the classifier chooses per connection (nth,
// PCC over ports or destinations) and the list entry the first one creates is not yet visible to the
// second: the race. The seed's remedy (src-address-list=!other on each classifier) only skips clients
// already visible on the other list, which the list rules above the classifiers already catch, so the
// race stays. A classifier that is a function of the source address (PCC src-address) removes it.

/** Chance that two racing first connections of one client are put on different lists. */
export function raceProbability(ctx: AuditContext): number {
  const perList = new Map<string, number>();
  for (const o of ctx.unlisted) {
    if (!o.perConnection) continue;
    for (const list of o.addedLists) perList.set(list, (perList.get(list) ?? 0) + o.p);
  }
  const total = [...perList.values()].reduce((s, p) => s + p, 0);
  return total * total - [...perList.values()].reduce((s, p) => s + p * p, 0);
}

function guardsOf(ctx: AuditContext): { guarded: number; total: number } {
  const wanLists = ctx.model.setup.wans.map((w) => w.addressList).filter((l): l is string => l !== null);
  const rules = classifierRules(ctx);
  const guarded = rules.filter((rule) => {
    const own = ctx.model.setup.wans.find((w) => w.connectionMark === rule.newConnectionMark)?.addressList;
    const others = wanLists.filter((l) => l !== own);
    return rule.srcAddressList?.negated === true && others.includes(rule.srcAddressList.value);
  });
  return { guarded: guarded.length, total: rules.length };
}

export const dualListingRisk: FindingRule = {
  code: "dual-listing-risk",
  run(ctx) {
    const racy = ctx.unlisted.filter((o) => o.perConnection && o.addedLists.length > 0);
    const lists = new Set(racy.flatMap((o) => o.addedLists));
    if (lists.size < 2) return [];
    const probability = raceProbability(ctx);
    const rules = classifierRules(ctx);
    const { guarded, total } = guardsOf(ctx);
    const dual = ctx.evidence.dualListed;
    const seen = (dual?.last24h ?? 0) > 0 || (dual?.now ?? 0) > 0;
    const evidence: EvidenceItem[] = [
      {
        label: "Clients dual-listed",
        value: dual
          ? `${formatInt(dual.now)} now, ${formatInt(dual.last24h)} became dual-listed in the last 24 h${dual.examples.length ? ` (e.g. ${dual.examples.join(", ")})` : ""}`
          : "not measured yet",
        measured: true,
      },
      {
        label: "Chance two racing first connections of a client land on different lists",
        value: pct(probability),
        measured: false,
      },
      {
        label: "src-address-list=!other guard on the classifiers",
        value: guarded === 0 ? "none" : guarded === total ? `on all ${total}` : `on ${guarded} of ${total}`,
        measured: false,
      },
    ];
    const explanation = [
      `The classifier (${rules.map((r) => ruleLabel(r.ref)).join(", ")}) picks the WAN per connection, and the list entry that makes a client sticky is created by that connection. A second connection of the same client that starts before the entry is visible to the rules (a browser opens several at once) is classified on its own: ${pct(probability)} of such pairs end on two different WANs, and the client is then on both lists.`,
      "Once a client is on both lists, the first list's rules win for every new connection; the other list's entry keeps being refreshed by that WAN's existing connections until they end, and the client's sessions may switch WAN.",
      guarded > 0
        ? "The seed's remedy, src-address-list=!other on each classifier, is in place. It skips clients the rules already see on the other list, but the list rules above the classifiers already catch those; it cannot see an entry that is not visible yet, so the race stays. On WANscope's simulator (browser-like clients, a 40 ms list-visibility delay) the seed with the remedy still dual-lists clients; PCC on src-address dual-lists none (test/integration/config-audit/dual-listing-race.test.ts)."
        : "The seed's own remedy, adding src-address-list=!other to each classifier, would only skip clients already visible on the other list, which the list rules above the classifiers already catch: it does not close the race between two connections that start before the first one's entry is visible.",
      "What removes it for good is a classifier that is a function of the source address, such as per-connection-classifier=src-address: every connection of a client, racing or not, gets the same WAN.",
    ];
    const pcc = convertToPccOption(ctx, {
      code: "dual-listing-risk",
      why: "The only change that removes the race: the WAN becomes a function of the client's address, so no counter or timing can split one client over two WANs.",
    });
    const finding: Finding = {
      code: "dual-listing-risk",
      severity: seen ? "critical" : "warning",
      subject: "",
      title: seen
        ? `Classifiers put clients on two lists (${formatInt(dual?.last24h ?? 0)} in 24 h)`
        : "Classifiers can put one client on two lists",
      summary: `per-connection classifier${guarded > 0 ? " with the !other guard" : ""}; race ${pct(probability)}; dual-listed ${dual ? `${formatInt(dual.now)} now, ${formatInt(dual.last24h)} in 24 h` : "not measured"}`,
      rules: rules.map((r) => r.ref),
      evidence,
      explanation,
      fixes: pcc ? [pcc] : [],
    };
    return [finding];
  },
};
