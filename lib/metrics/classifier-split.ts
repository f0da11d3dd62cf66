// The split of new connections per WAN, measured from the packet counters of the mangle rules that
// classify them (nth or PCC). Each nth rule has its own counter and takes 1/every of what reaches it,
// so in the seed recipe nth=2,1 takes 50%, nth=2,2 takes half the rest (25%) and 25% stay unmarked.

export type ClassifierRule =
  | { ruleId: string; wan: string; order: number; kind: "nth"; every: number; packet: number }
  | { ruleId: string; wan: string; order: number; kind: "pcc"; denominator: number; remainder: number };

export type ExpectedWeights = { perWan: { wan: string; weight: number }[]; unmarked: number };

function ordered(rules: readonly ClassifierRule[]): ClassifierRule[] {
  return [...rules].sort((a, b) => a.order - b.order);
}

function wansInOrder(rules: readonly ClassifierRule[]): string[] {
  return [...new Set(ordered(rules).map((r) => r.wan))];
}

/** What the rules will produce for new connections of clients not yet in a list (uniform PCC hash). */
export function expectedClassifierWeights(rules: readonly ClassifierRule[]): ExpectedWeights {
  const weights = new Map<string, number>();
  const takenPcc = new Set<string>();
  let remaining = 1;
  for (const rule of ordered(rules)) {
    let take = 0;
    if (rule.kind === "nth") {
      take = remaining / rule.every;
    } else {
      const key = `${rule.denominator}/${rule.remainder}`;
      take = takenPcc.has(key) ? 0 : Math.min(remaining, 1 / rule.denominator);
      takenPcc.add(key);
    }
    remaining -= take;
    weights.set(rule.wan, (weights.get(rule.wan) ?? 0) + take);
  }
  return { perWan: wansInOrder(rules).map((wan) => ({ wan, weight: weights.get(wan) ?? 0 })), unmarked: remaining < 1e-12 ? 0 : remaining };
}

export type RuleCounters = ReadonlyMap<string, number>;

export type NewConnectionSplit =
  | {
      kind: "split";
      /** New connections that reached the classifiers (estimated from the first rule when nth). */
      total: number;
      perWan: { wan: string; count: number; share: number | null }[];
      unmarked: { count: number; share: number | null };
      /** True when total is derived (nth `every`, or PCC remainders not all covered), not counted. */
      estimated: boolean;
    }
  | { kind: "reset" }
  | { kind: "none"; reason: "no_previous" | "no_rules" | "missing_counter" };

/** Packet-counter deltas of the classifier rules between two polls → new connections per WAN. */
export function newConnectionSplit(options: {
  rules: readonly ClassifierRule[];
  prev: RuleCounters | null | undefined;
  curr: RuleCounters;
}): NewConnectionSplit {
  const rules = ordered(options.rules);
  const first = rules[0];
  if (!first) return { kind: "none", reason: "no_rules" };
  if (!options.prev) return { kind: "none", reason: "no_previous" };
  const deltas = new Map<string, number>();
  for (const rule of rules) {
    const before = options.prev.get(rule.ruleId);
    const after = options.curr.get(rule.ruleId);
    if (before === undefined || after === undefined) return { kind: "none", reason: "missing_counter" };
    if (after < before) return { kind: "reset" };
    deltas.set(rule.ruleId, after - before);
  }
  const matched = [...deltas.values()].reduce((a, b) => a + b, 0);
  let total = matched;
  let estimated = false;
  const leavesNothing = expectedClassifierWeights(rules).unmarked < 1e-12;
  if (first.kind === "nth" && leavesNothing) {
    // nth=N,1 … nth=1,1: the last rule takes whatever reaches it, so every new connection is counted.
  } else if (first.kind === "nth") {
    total = Math.max(matched, (deltas.get(first.ruleId) ?? 0) * first.every);
    estimated = first.every > 1;
  } else {
    const coverage = 1 - expectedClassifierWeights(rules).unmarked;
    if (coverage > 0 && coverage < 1 - 1e-9) {
      total = Math.round(matched / coverage);
      estimated = true;
    }
  }
  const share = (n: number): number | null => (total > 0 ? n / total : null);
  const perWan = wansInOrder(rules).map((wan) => {
    const count = rules.filter((r) => r.wan === wan).reduce((s, r) => s + (deltas.get(r.ruleId) ?? 0), 0);
    return { wan, count, share: share(count) };
  });
  const unmarked = Math.max(0, total - matched);
  return { kind: "split", total, perWan, unmarked: { count: unmarked, share: share(unmarked) }, estimated };
}
