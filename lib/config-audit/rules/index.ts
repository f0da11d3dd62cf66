import type { FindingRule } from "../context";
import { dualListingRisk } from "./dual-listing-risk";
import { listNotHonoured } from "./list-not-honoured";
import { listTimeout } from "./list-timeout";
import { markWithoutRoute } from "./mark-without-route";
import { nthSkew } from "./nth-skew";
import { pccCoverage } from "./pcc-coverage";
import { pinnedNotHonoured } from "./pinned-not-honoured";
import { routeNoCheckGateway } from "./route-check-gateway";
import { routeNoFallback } from "./route-fallback";
import { shadowedRule } from "./shadowed-rule";
import { wanWithoutSrcnat } from "./wan-without-srcnat";
import { weightsMismatch } from "./weights-mismatch";

// Every finding rule, in the order their findings are listed when severities tie.
export const FINDING_RULES: readonly FindingRule[] = [
  nthSkew,
  pccCoverage,
  dualListingRisk,
  pinnedNotHonoured,
  listNotHonoured,
  markWithoutRoute,
  wanWithoutSrcnat,
  routeNoCheckGateway,
  routeNoFallback,
  listTimeout,
  weightsMismatch,
  shadowedRule,
];
