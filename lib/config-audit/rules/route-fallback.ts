import { fixMarker, ruleLabel, type FindingRule } from "../context";
import type { Finding } from "../types";
import { balancingRoutes } from "./route-check-gateway";

// When a WAN's gateway fails, its marked traffic needs somewhere else to go: another route in its own
// mark or table, or a main-table route through a different gateway (marked traffic with no active route
// in its table falls back to main). If main only knows the failed gateway, the WAN's clients, unmarked
// traffic and the router's own traffic are all cut off.

export const routeNoFallback: FindingRule = {
  code: "route-no-fallback",
  run(ctx) {
    const routes = balancingRoutes(ctx);
    const main = routes.filter((r) => r.table === "main");
    const gateways = [...new Set(ctx.model.setup.wans.map((w) => w.gateway).filter((g): g is string => Boolean(g)))];
    if (gateways.length < 2) return [];
    const stranded = ctx.model.setup.wans.filter((wan) => {
      const table = wan.routingMark ?? wan.routingTable;
      if (!table || !wan.gateway) return false;
      const others = routes.filter((r) => (r.table === table || r.table === "main") && r.gateway !== wan.gateway);
      return others.length === 0;
    });
    const mainGateways = new Set(main.map((r) => r.gateway));
    const mainStranded = mainGateways.size <= 1;
    if (stranded.length === 0 && !mainStranded) return [];
    const spare = gateways.find((g) => !mainGateways.has(g));
    if (!spare) return [];
    const distance = Math.max(0, ...main.map((r) => r.distance)) + 1;
    const viaWan = ctx.model.setup.wans.find((w) => w.gateway === spare);
    const failing = [...mainGateways][0];
    const finding: Finding = {
      code: "route-no-fallback",
      severity: "warning",
      subject: "",
      title:
        main.length === 0 ? "No default route in the main table" : `Only one gateway in the main table (${[...mainGateways].join(", ")})`,
      summary: `${stranded.length ? `WAN ${stranded.map((w) => w.name).join(", ")} ha${stranded.length === 1 ? "s" : "ve"} no fallback; ` : ""}main table via ${main.length ? [...mainGateways].join(", ") : "nothing"}`,
      rules: [
        ...main.map((r) => r.ref),
        ...routes.filter((r) => stranded.some((w) => (w.routingMark ?? w.routingTable) === r.table)).map((r) => r.ref),
      ],
      evidence: [
        ...main.map((r) => ({ label: ruleLabel(r.ref), value: `main table via ${r.gateway}, distance ${r.distance}`, measured: true })),
        ...stranded.map((w) => ({
          label: `WAN ${w.name}`,
          value: `its ${ctx.model.snapshot.routing === "v7" ? "table" : "mark"} ${w.routingMark ?? w.routingTable} and the main table only know ${w.gateway}`,
          measured: false,
        })),
      ],
      explanation: [
        main.length === 0
          ? "The main table has no default route: unmarked connections and the router's own traffic have no way out, and marked traffic has nothing to fall back to when its WAN fails."
          : `Every default route of the main table goes via ${failing}. When that gateway fails, unmarked connections and the router's own traffic (DNS, NTP, updates) are cut off${stranded.length ? `, and so are the clients of ${stranded.map((w) => w.name).join(", ")}: their ${ctx.model.snapshot.routing === "v7" ? "table" : "mark"} falls back to main, which only knows the same gateway` : ""}.`,
        `A second main-table route via ${spare}${viaWan ? ` (WAN ${viaWan.name})` : ""} with a higher distance is used only while the first is inactive, which takes check-gateway on the first.`,
      ],
      fixes: [
        {
          id: "minimal",
          title: `Add a fallback default route via ${spare} (distance ${distance}) to the main table`,
          description: [
            "Adds one route; nothing changes while the current main route is active. It takes over only when check-gateway takes the first one inactive (see the check-gateway finding).",
          ],
          commands: [
            {
              op: "add",
              path: "/ip/route",
              props: {
                "dst-address": "0.0.0.0/0",
                gateway: spare,
                distance: String(distance),
                "check-gateway": "ping",
                comment: fixMarker(ctx, "route-no-fallback", "minimal"),
              },
            },
          ],
          touches: [],
          expectation: {
            summary: `if ${failing ?? "the main gateway"} fails, unmarked traffic${stranded.length ? ` and ${stranded.map((w) => w.name).join(", ")}'s clients` : ""} leave via ${spare}`,
            checks: [],
            minNewConnections: 0,
            minMinutes: 0,
          },
        },
      ],
    };
    return [finding];
  },
};
