import { formatInt } from "../../format/number";
import { fixMarker, ruleLabel, type FindingRule } from "../context";
import type { EvidenceItem, Finding, FixCommand, FixOption } from "../types";

// A routing mark (v6) or routing table (v7) that mangle rules set but no default route serves: its
// traffic silently falls back to the main table, so the WAN it was meant for carries none of it. On v7
// the table must also exist in /routing/table (with fib) before routes can use it.

export const markWithoutRoute: FindingRule = {
  code: "mark-without-route",
  run(ctx) {
    const v7 = ctx.model.snapshot.routing === "v7";
    const rules = ctx.model.mangle.filter((r) => !r.disabled && !r.invalid && r.action === "mark-routing" && r.newRoutingMark);
    const marks = [...new Set(rules.map((r) => r.newRoutingMark as string))].filter((m) => m !== "main");
    return marks.flatMap((mark): Finding[] => {
      const routes = ctx.model.routes.filter((r) => r.table === mark);
      const enabled = routes.filter((r) => !r.disabled);
      const tableMissing = v7 && !ctx.model.routingTables.some((t) => t.name === mark && !t.disabled);
      if (enabled.length > 0 && !tableMissing) return [];
      const wan = ctx.model.setup.wans.find((w) => (w.routingMark ?? w.routingTable) === mark);
      const known = ctx.evidence.wans.find((w) => w.name === wan?.name);
      const gateway = known?.gateway ?? null;
      const users = rules.filter((r) => r.newRoutingMark === mark);
      const what = v7 ? `routing table ${mark}` : `routing mark ${mark}`;
      const commands: FixCommand[] = [];
      if (tableMissing) commands.push({ op: "add", path: "/routing/table", props: { name: mark, fib: "" } });
      if (routes.length > 0 && enabled.length === 0) for (const r of routes) commands.push({ op: "enable", path: "/ip/route", id: r.id });
      else if (routes.length === 0 && gateway)
        commands.push({
          op: "add",
          path: "/ip/route",
          props: {
            "dst-address": "0.0.0.0/0",
            gateway,
            [v7 ? "routing-table" : "routing-mark"]: mark,
            "check-gateway": "ping",
            comment: fixMarker(ctx, "mark-without-route", mark),
          },
        });
      const fixes: FixOption[] =
        commands.length > 0 && (routes.length > 0 || gateway)
          ? [
              {
                id: "minimal",
                title:
                  routes.length > 0
                    ? `Enable the disabled route${routes.length > 1 ? "s" : ""} of ${mark}`
                    : `Add a default route for ${mark} via ${gateway}`,
                description: [
                  tableMissing ? `Creates ${mark} in /routing/table (fib) so routes can use it.` : "",
                  routes.length === 0 && gateway ? `The gateway ${gateway} is the one set for WAN ${wan?.name ?? mark} in WANscope.` : "",
                ].filter(Boolean),
                commands,
                touches: routes.map((r) => r.ref),
                expectation: {
                  summary: `connections marked ${mark} leave by their own WAN`,
                  checks: [],
                  minNewConnections: 0,
                  minMinutes: 0,
                },
              },
            ]
          : [];
      const evidence: EvidenceItem[] = [
        { label: "Rules that set it", value: users.map((r) => ruleLabel(r.ref)).join(", "), measured: false },
        {
          label: "Default routes with it",
          value: routes.length === 0 ? "none" : `${routes.length}, all disabled`,
          measured: true,
        },
      ];
      if (tableMissing) evidence.push({ label: "/routing/table", value: `no table named ${mark}`, measured: true });
      if (known?.connections !== null && known?.connections !== undefined)
        evidence.push({ label: `Connections of WAN ${known.name} now`, value: formatInt(known.connections), measured: true });
      return [
        {
          code: "mark-without-route",
          severity: "critical",
          subject: mark,
          title: `${v7 ? "Routing table" : "Routing mark"} ${mark} has no ${tableMissing ? "table" : "default route"}`,
          summary: `${users.length} rule(s) set ${mark}; ${tableMissing ? "table missing" : routes.length ? "routes disabled" : "no route"}`,
          rules: [...users.map((r) => r.ref), ...routes.map((r) => r.ref)],
          evidence,
          explanation: [
            `Traffic given ${what} finds no active default route there and falls back to the main table: WAN ${wan?.name ?? mark} does not carry the clients balanced onto it, and the main table's WAN carries them on top of its own.`,
            ...(fixes.length === 0 && routes.length === 0
              ? [
                  `WANscope does not know this WAN's gateway; set it on the router's WAN settings, or add the route yourself: /ip route add dst-address=0.0.0.0/0 gateway=<gateway> ${v7 ? "routing-table" : "routing-mark"}=${mark} check-gateway=ping`,
                ]
              : []),
          ],
          fixes,
        },
      ];
    });
  },
};
