import { formatInt } from "../../format/number";
import { fixMarker, type FindingRule } from "../context";
import type { AuditNat } from "../model";
import type { Finding } from "../types";

// Connections leaving a WAN with the LAN's private source address get no replies: the uplink needs a
// masquerade (or src-nat) rule. Rules on an interface list are taken as covering it (lists are not read).

const NAT_ACTIONS = new Set(["masquerade", "src-nat", "netmap", "same"]);

function covers(rule: AuditNat, iface: string): boolean {
  if (rule.outInterfaceList) return true;
  if (!rule.outInterface) return true;
  return rule.outInterface.startsWith("!") ? rule.outInterface.slice(1) !== iface : rule.outInterface === iface;
}

export const wanWithoutSrcnat: FindingRule = {
  code: "wan-without-srcnat",
  run(ctx) {
    const srcnat = ctx.model.nat.filter((r) => !r.disabled && r.chain === "srcnat" && NAT_ACTIONS.has(r.action));
    const interfaces = new Map<string, string[]>();
    for (const wan of ctx.model.setup.wans)
      if (wan.interface) interfaces.set(wan.interface, [...(interfaces.get(wan.interface) ?? []), wan.name]);
    const main = ctx.model.setup.mainRoute?.interface;
    if (main && !interfaces.has(main)) interfaces.set(main, []);
    return [...interfaces].flatMap(([iface, wans]): Finding[] => {
      if (srcnat.some((r) => covers(r, iface))) return [];
      const connections = ctx.evidence.wans.filter((w) => wans.includes(w.name)).reduce((s, w) => s + (w.connections ?? 0), 0);
      const label = wans.length ? `WAN ${wans.join(", ")}` : "the main route's interface";
      return [
        {
          code: "wan-without-srcnat",
          severity: "critical",
          subject: iface,
          title: `No masquerade or src-nat on ${iface} (${label})`,
          summary: `connections leaving ${iface} keep their LAN source address`,
          rules: [],
          evidence: [
            {
              label: "srcnat rules",
              value: srcnat.length
                ? srcnat.map((r) => `${r.action} on ${r.outInterface ?? r.outInterfaceList ?? "any"}`).join(", ")
                : "none",
              measured: false,
            },
            ...(wans.length ? [{ label: "Connections marked for it now", value: formatInt(connections), measured: true }] : []),
          ],
          explanation: [
            `Connections that leave by ${iface} keep the client's private source address (192.168.x, 10.x): the uplink or the ISP drops them, or their replies never come back. Every client balanced onto ${label} has a broken Internet for the connections it sends there.`,
          ],
          fixes: [
            {
              id: "minimal",
              title: `Add masquerade on ${iface}`,
              description: [
                "Appended after the existing NAT rules, so no rule above it changes meaning. Use src-nat to the interface's fixed address instead if the uplink has a static IP and you prefer that.",
              ],
              commands: [
                {
                  op: "add",
                  path: "/ip/firewall/nat",
                  props: {
                    chain: "srcnat",
                    "out-interface": iface,
                    action: "masquerade",
                    comment: fixMarker(ctx, "wan-without-srcnat", iface),
                  },
                },
              ],
              touches: [],
              expectation: { summary: `connections leaving ${iface} are masqueraded`, checks: [], minNewConnections: 0, minMinutes: 0 },
            },
          ],
        },
      ];
    });
  },
};
