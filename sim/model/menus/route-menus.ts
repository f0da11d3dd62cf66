import { RouterTrap, type Attributes, type Menu, type Row } from "../../protocol/router-api";
import { formatCidr } from "../../engine/ip";
import type { RouteState } from "../../engine/routing";
import { formatBool, formatId, parseId } from "../format";
import { compileRoute } from "../rules/route";
import { ParamsError } from "../rules/values";
import { mergeParams, paramsTrap, withoutApi } from "./menu-params";

/** Connected routes are dynamic: their ids come from a range of their own, apart from static routes'. */
const CONNECTED_ID_BASE = 0x40000000;
import type { SimRouter } from "../router";

/**
 * /ip/route: static routes as configured plus the connected routes of the addresses, in v6 or v7 shape;
 * add, set, remove, enable and disable of static routes take part in route selection at once.
 */
export function routeMenu(router: SimRouter): Menu {
  const routing = router.dataplane.routing;
  const style = router.personality.routeStyle;
  const find = (id: string): RouteState => {
    const n = parseId(id);
    const route = n === undefined ? undefined : routing.routes.find((r) => r.id === n);
    if (route === undefined) throw new RouterTrap("no such item");
    return route;
  };
  const compile = (params: Attributes) => {
    if (style === "v7" && params["routing-table"] !== undefined) {
      const tables = new Set(["main", ...router.dataplane.config.routingTables.map((t) => t.name)]);
      if (!tables.has(params["routing-table"])) throw new RouterTrap("input does not match any value of routing-table", 1);
    }
    try {
      return compileRoute(style, params);
    } catch (error) {
      if (error instanceof ParamsError) throw paramsTrap(error);
      throw error;
    }
  };
  const print = (): Row[] => routeRows(router);
  const feed = router.feed(print);
  return {
    print,
    watch: (listener) => feed.watch(listener),
    add: (attributes) => formatId(routing.add(compile(withoutApi(attributes))).id),
    set: (id, attributes) => {
      const route = find(id);
      routing.replace(route, compile(mergeParams(route.config.params, attributes)));
    },
    remove: (id) => routing.remove(find(id)),
  };
}

function routeRows(router: SimRouter): Row[] {
  const routing = router.dataplane.routing;
  const style = router.personality.routeStyle;
  const v7 = style === "v7";
  const rows = routing.routes.map((r) => (v7 ? v7Row(r) : v6Row(r)));
  let id = CONNECTED_ID_BASE;
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
  Object.assign(row, {
    active: formatBool(r.active),
    dynamic: formatBool(c.dynamic === true),
    static: formatBool(c.dynamic !== true),
    disabled: formatBool(c.disabled),
  });
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
    dynamic: formatBool(c.dynamic === true),
    static: formatBool(c.dynamic !== true),
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
