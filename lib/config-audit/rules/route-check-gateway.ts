import { ruleLabel, type AuditContext, type FindingRule } from "../context";
import type { AuditRoute } from "../model";
import type { Finding, FixCommand } from "../types";

// A default route without check-gateway stays active while its uplink is dead (the gateway's address
// still sits in a connected subnet of a running interface), so every connection marked for it goes
// nowhere. The main table's routes matter as much: they are where every mark falls back to.

const flagged = (value: string | undefined) => value === "true" || value === "yes";

/** Static unicast default routes of the main table and of every WAN's mark or table. */
export function balancingRoutes(ctx: AuditContext): AuditRoute[] {
  const tables = new Set([
    "main",
    ...ctx.model.setup.wans.map((w) => w.routingMark ?? w.routingTable).filter((t): t is string => Boolean(t)),
  ]);
  return ctx.model.routes.filter(
    (r) => !r.disabled && !flagged(r.raw.dynamic) && tables.has(r.table) && (r.raw.type ?? "unicast") === "unicast",
  );
}

export const routeNoCheckGateway: FindingRule = {
  code: "route-no-check-gateway",
  run(ctx) {
    const routes = balancingRoutes(ctx).filter((r) => !r.checkGateway || r.checkGateway === "none");
    if (routes.length === 0) return [];
    const marked = routes.filter((r) => r.table !== "main");
    const tables = (rs: AuditRoute[]) =>
      rs.map((r) => (r.table === "main" ? "main" : `${ctx.model.snapshot.routing === "v7" ? "table" : "mark"} ${r.table}`));
    const commands: FixCommand[] = routes.map((r) => ({ op: "set", path: "/ip/route", id: r.id, props: { "check-gateway": "ping" } }));
    const finding: Finding = {
      code: "route-no-check-gateway",
      severity: marked.length > 0 ? "warning" : "info",
      subject: "",
      title: `${routes.length} default route${routes.length === 1 ? "" : "s"} without check-gateway`,
      summary: routes.map((r, i) => `${tables(routes)[i]} via ${r.gateway}`).join("; "),
      rules: routes.map((r) => r.ref),
      evidence: routes.map((r, i) => ({
        label: `${ruleLabel(r.ref)} (${tables(routes)[i]})`,
        value: `via ${r.gateway}${r.interface ? ` on ${r.interface}` : ""}, distance ${r.distance}, ${r.active ? "active" : "inactive"}${r.reachable === false ? ", gateway unreachable" : ""} — no check-gateway`,
        measured: true,
      })),
      explanation: [
        "Without check-gateway a static route stays active as long as its gateway's address is in a connected subnet of a running interface. When the uplink behind the gateway dies (modem up, ISP down, or the gateway router hung), the route stays active and every connection routed by it is black-holed.",
        ...(marked.length
          ? [
              `Clients whose connections carry ${[...new Set(marked.map((r) => r.table))].join(", ")} are sticky to that WAN through their list entry, so they stay cut off until the entry times out, however long the outage lasts.`,
            ]
          : []),
        "With check-gateway=ping RouterOS pings the gateway every 10 s and takes the route inactive after two missed replies; marked traffic then falls back to the main table (and to a fallback route in its own table, if it has one).",
        "check-gateway pings the gateway itself: a failure beyond it (the ISP's network behind a modem that still answers) needs a recursive route or netwatch to be noticed.",
      ],
      fixes: [
        {
          id: "minimal",
          title: "Set check-gateway=ping on these routes",
          description: [
            "Changes only the check-gateway property of the routes named; routing does not change while every gateway answers.",
          ],
          commands,
          touches: routes.map((r) => r.ref),
          expectation: {
            summary: "a dead gateway takes its route inactive within about 20 s",
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
