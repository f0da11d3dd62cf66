import type { Menu, Row } from "../../protocol/router-api";
import { formatCidr } from "../../engine/ip";
import type { RouteState } from "../../engine/routing";
import { formatBool, formatId } from "../format";
import type { SimRouter } from "../router";

/** /ip/route: static routes as configured plus the connected routes of the addresses, in v6 or v7 shape. */
export function routeMenu(router: SimRouter): Menu {
  return {
    print: () => {
      const routing = router.dataplane.routing;
      const v7 = router.personality.routeStyle === "v7";
      const rows = routing.routes.map((r) => (v7 ? v7Row(r) : v6Row(r)));
      let id = (routing.routes.at(-1)?.id ?? 0) + 1;
      for (const a of router.dataplane.config.addresses) {
        const running = router.dataplane.interfaces.get(a.interface)?.running ?? false;
        const row: Row = { ".id": formatId(id++), "dst-address": formatCidrFull(a.cidr) };
        if (v7) {
          Object.assign(row, {
            "routing-table": "main",
            gateway: a.interface,
            "immediate-gw": a.interface,
            distance: "0",
            scope: "10",
            "local-address": `${a.text.split("/")[0]}%${a.interface}`,
          });
        } else {
          Object.assign(row, {
            "pref-src": a.text.split("/")[0]!,
            gateway: a.interface,
            "gateway-status": `${a.interface} ${running ? "reachable" : "unreachable"}`,
            distance: "0",
            scope: "10",
          });
        }
        Object.assign(row, {
          active: formatBool(running && !a.disabled),
          dynamic: "true",
          static: "false",
          connect: "true",
          disabled: "false",
        });
        if (v7) row.inactive = formatBool(!running);
        rows.push(row);
      }
      return rows;
    },
  };
}

function v6Row(r: RouteState): Row {
  const c = r.config;
  const row: Row = {
    ".id": formatId(r.id),
    "dst-address": formatCidrFull(c.dst),
    gateway: c.gateway,
    "gateway-status": r.reachable ? `${c.gateway} reachable via ${r.via}` : `${c.gateway} unreachable`,
    distance: String(c.distance),
    scope: String(c.scope),
    "target-scope": String(c.targetScope),
  };
  if (c.table !== "main") row["routing-mark"] = c.table;
  if (c.checkGateway) row["check-gateway"] = c.checkGateway;
  Object.assign(row, { active: formatBool(r.active), dynamic: "false", static: "true", disabled: formatBool(c.disabled) });
  if (c.comment !== undefined) row.comment = c.comment;
  return row;
}

function v7Row(r: RouteState): Row {
  const c = r.config;
  const row: Row = {
    ".id": formatId(r.id),
    "dst-address": formatCidrFull(c.dst),
    "routing-table": c.table,
    gateway: c.gateway,
    "immediate-gw": r.reachable ? (r.gatewayIp === undefined ? r.via! : `${c.gateway}%${r.via}`) : "",
    distance: String(c.distance),
    scope: String(c.scope),
    "target-scope": String(c.targetScope),
    "suppress-hw-offload": "false",
  };
  if (c.checkGateway) row["check-gateway"] = c.checkGateway;
  Object.assign(row, {
    active: formatBool(r.active),
    inactive: formatBool(!r.active),
    dynamic: "false",
    static: "true",
    disabled: formatBool(c.disabled),
  });
  if (c.comment !== undefined) row.comment = c.comment;
  return row;
}

/** Routes always print with their prefix length, even /32. */
function formatCidrFull(cidr: { network: number; prefix: number; mask: number }): string {
  const text = formatCidr(cidr);
  return cidr.prefix === 32 ? `${text}/32` : text;
}

/** /routing/table (v7): the built-in main table plus the configured ones. */
export function routingTableMenu(router: SimRouter): Menu {
  return {
    print: () => [
      { ".id": "*0", name: "main", fib: "true", dynamic: "true", invalid: "false", disabled: "false" },
      ...router.dataplane.config.routingTables.map((t, i) => ({
        ".id": formatId(i + 1),
        name: t.name,
        fib: formatBool(t.fib),
        dynamic: "false",
        invalid: "false",
        disabled: "false",
        ...(t.comment === undefined ? {} : { comment: t.comment }),
      })),
    ],
  };
}
