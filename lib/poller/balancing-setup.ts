import type { Prisma, Router, Wan } from "../db/generated/client";
import type { ClassifierRule } from "../metrics";
import type { BalancingSetup } from "../routeros";

// The balancing setup lives in Postgres (discovered, then reviewable by an operator); polls rebuild
// the setup from those rows so an operator's correction wins over what discovery guessed.

type StoredClassifier = { rules: ClassifierRule[] };

type SetupWan = Pick<
  Wan,
  "name" | "interface" | "addressList" | "connectionMark" | "routingMark" | "routingTable" | "gateway" | "expectedWeight"
> & { classifier: unknown };

export function setupFromRows(
  router: Pick<Router, "rosVersion" | "balancingMethod" | "discoveryWarnings">,
  wans: readonly SetupWan[],
): BalancingSetup {
  const classifiers = wans.flatMap((w) => (w.classifier as StoredClassifier | null)?.rules ?? []);
  const routing = router.rosVersion?.startsWith("7") ? "v7" : "v6";
  const kind = router.balancingMethod;
  return {
    routing,
    wans: wans.map((w) => ({
      name: w.name,
      interface: w.interface,
      addressList: w.addressList,
      connectionMark: w.connectionMark ?? w.name,
      routingMark: w.routingMark,
      routingTable: w.routingTable,
      gateway: w.gateway,
      routeKey: null,
      classifierRuleIds: ((w.classifier as StoredClassifier | null)?.rules ?? []).map((r) => r.ruleId),
      expectedWeight: w.expectedWeight,
    })),
    classifiers,
    classifierKind: kind === "nth" || kind === "pcc" || kind === "mixed" ? kind : "none",
    unmarkedExpectedWeight: Math.max(0, 1 - wans.reduce((sum, w) => sum + w.expectedWeight, 0)),
    mainRoute: null,
    warnings: router.discoveryWarnings,
  };
}

/** Rows to write for a freshly discovered setup. */
export function wanRowsFromSetup(setup: BalancingSetup): Omit<Prisma.WanCreateManyInput, "routerId">[] {
  return setup.wans.map((wan, position) => ({
    name: wan.name,
    interface: wan.interface ?? "",
    addressList: wan.addressList,
    connectionMark: wan.connectionMark,
    routingMark: wan.routingMark,
    routingTable: wan.routingTable,
    gateway: wan.gateway,
    expectedWeight: wan.expectedWeight,
    classifier: { rules: setup.classifiers.filter((c) => c.wan === wan.name) } satisfies StoredClassifier,
    discovered: true,
    position,
  }));
}
