import type { z } from "zod";
import { formatIp, parseCidr, parseIp, type Cidr } from "../../engine/ip";
import type { FirewallRule, Negatable, PccFields, RouteConfig, RouterConfig } from "../config";
import { formatDuration, parseDuration } from "../format";
import { parseScript, type ScriptCommand } from "./parse-script";
import { SCRIPT_SCHEMAS, SERVICE_ITEMS } from "./schemas";
import { ExportScriptError, type ScriptProblem } from "./script-error";

type Params = Record<string, string>;

/** Parses and validates an export for a v6 or v7 router; throws ExportScriptError listing every problem. */
export function loadConfig({ script, routeStyle, source }: { script: string; routeStyle: "v6" | "v7"; source?: string }): RouterConfig {
  const { commands, problems } = parseScript(script);
  const config: RouterConfig = { addresses: [], mangle: [], nat: [], addressLists: [], routes: [], routingTables: [], services: {} };
  const tableUses: Array<{ line: number; table: string }> = [];
  for (const command of commands) {
    const params = validate(command, routeStyle, problems);
    if (params === undefined) continue;
    try {
      apply({ config, command, params, tableUses });
    } catch (error) {
      problems.push({ line: command.line, message: (error as Error).message });
    }
  }
  if (routeStyle === "v7") {
    const tables = new Set(["main", ...config.routingTables.map((t) => t.name)]);
    for (const use of tableUses) {
      if (!tables.has(use.table)) {
        problems.push({
          line: use.line,
          message: `routing table "${use.table}" does not exist (add it with /routing table add name=${use.table} fib)`,
        });
      }
    }
  }
  if (problems.length > 0)
    throw new ExportScriptError(
      problems.sort((a, b) => a.line - b.line),
      source,
    );
  return config;
}

function schemaKey(path: string, routeStyle: "v6" | "v7"): keyof typeof SCRIPT_SCHEMAS | undefined {
  if (path === "ip route") return routeStyle === "v6" ? "ip route v6" : "ip route v7";
  if (path === "routing table" && routeStyle === "v6") return undefined;
  return path in SCRIPT_SCHEMAS && !path.startsWith("ip route ") ? (path as keyof typeof SCRIPT_SCHEMAS) : undefined;
}

function validate(command: ScriptCommand, routeStyle: "v6" | "v7", problems: ScriptProblem[]): Params | undefined {
  const key = schemaKey(command.path, routeStyle);
  const where = `/${command.path} ${command.verb}`;
  if (key === undefined) {
    const hint = command.path === "routing table" ? " (RouterOS 6 has no /routing table; use routing-mark on routes)" : "";
    problems.push({ line: command.line, message: `unknown command "${where}"${hint}` });
    return undefined;
  }
  if (key === "ip service") return serviceParams(command, where, problems);
  const expectedVerb = key === "system identity" ? "set" : "add";
  if (command.verb !== expectedVerb) {
    problems.push({ line: command.line, message: `unsupported command "${where}" (expected "${expectedVerb}")` });
    return undefined;
  }
  const params: Params = {};
  for (const { key: k, value } of command.params) {
    if (k in params) problems.push({ line: command.line, message: `parameter "${k}" given twice in ${where}` });
    params[k] = value;
  }
  const result = SCRIPT_SCHEMAS[key].safeParse(params);
  if (result.success) return result.data as Params;
  for (const issue of result.error.issues) problems.push({ line: command.line, message: describe(issue, where, routeStyle) });
  return undefined;
}

/** `/ip service set api max-sessions=5`, `disable telnet,ftp`: the item names come first, bare. */
function serviceParams(command: ScriptCommand, where: string, problems: ScriptProblem[]): Params | undefined {
  if (!["set", "enable", "disable"].includes(command.verb)) {
    problems.push({ line: command.line, message: `unsupported command "${where}" (expected "set", "enable" or "disable")` });
    return undefined;
  }
  const names: string[] = [];
  const params: Params = {};
  for (const p of command.params) {
    if (p.bare || p.key === "numbers") names.push(...(p.bare ? p.key : p.value).split(","));
    else params[p.key] = p.value;
  }
  if (command.verb !== "set") params.disabled = command.verb === "disable" ? "yes" : "no";
  const unknown = names.filter((n) => !SERVICE_ITEMS.includes(n));
  if (names.length === 0 || unknown.length > 0) {
    problems.push({ line: command.line, message: `${where} needs service names (${SERVICE_ITEMS.join(", ")}), got "${names.join(",")}"` });
    return undefined;
  }
  const result = SCRIPT_SCHEMAS["ip service"].safeParse(params);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push({ line: command.line, message: describe(issue, where, "v6") });
    return undefined;
  }
  return { ...(result.data as Params), numbers: names.join(",") };
}

function describe(issue: z.core.$ZodIssue, where: string, routeStyle: "v6" | "v7"): string {
  if (issue.code === "unrecognized_keys") {
    const hints: Record<string, string> = {
      "routing-mark": routeStyle === "v7" ? " (RouterOS 7 uses routing-table)" : "",
      "routing-table": routeStyle === "v6" ? " (RouterOS 6 uses routing-mark)" : "",
    };
    return issue.keys.map((k) => `unknown parameter "${k}" for ${where}${hints[k] ?? ""}`).join("; ");
  }
  const field = issue.path.join(".");
  if (issue.code === "invalid_type" && issue.input === undefined) return `missing required parameter "${field}" for ${where}`;
  return `invalid value for "${field}" in ${where}: ${issue.message}`;
}

function apply({
  config,
  command,
  params,
  tableUses,
}: {
  config: RouterConfig;
  command: ScriptCommand;
  params: Params;
  tableUses: Array<{ line: number; table: string }>;
}): void {
  const disabled = isYes(params.disabled);
  switch (command.path) {
    case "system identity":
      config.identity = params.name;
      return;
    case "ip address": {
      const cidr = parseCidr(params.address!)!;
      const address = parseIp(params.address!.split("/")[0]!)!;
      config.addresses.push({
        address,
        cidr,
        text: `${formatIp(address)}/${cidr.prefix}`,
        network: params.network ?? formatIp(cidr.network),
        broadcast: params.broadcast,
        interface: params.interface!,
        comment: params.comment,
        disabled,
      });
      return;
    }
    case "ip firewall address-list":
      config.addressLists.push({
        list: params.list!,
        address: params.address!,
        timeoutMs: params.timeout === undefined ? undefined : parseDuration(params.timeout),
        comment: params.comment,
        disabled,
      });
      return;
    case "ip firewall mangle":
    case "ip firewall nat": {
      const rule = firewallRule(params, command.path === "ip firewall nat" ? "accept" : "accept");
      if (rule.newRoutingMark !== undefined) tableUses.push({ line: command.line, table: rule.newRoutingMark });
      (command.path === "ip firewall nat" ? config.nat : config.mangle).push(rule);
      return;
    }
    case "ip route": {
      const route: RouteConfig = {
        dst: parseCidr(params["dst-address"] ?? "0.0.0.0/0")!,
        gateway: params.gateway!,
        distance: Number(params.distance ?? 1),
        scope: Number(params.scope ?? 30),
        targetScope: Number(params["target-scope"] ?? 10),
        table: params["routing-mark"] ?? params["routing-table"] ?? "main",
        checkGateway: params["check-gateway"] as RouteConfig["checkGateway"],
        disabled,
        comment: params.comment,
      };
      if (params["routing-table"] !== undefined) tableUses.push({ line: command.line, table: route.table });
      config.routes.push(route);
      return;
    }
    case "ip service":
      for (const name of params.numbers!.split(",")) {
        const service = (config.services[name] ??= {});
        if (params.disabled !== undefined) service.disabled = disabled;
        if (params["max-sessions"] !== undefined) service.maxSessions = Number(params["max-sessions"]);
        for (const k of ["port", "address", "certificate", "tls-version", "vrf"] as const)
          if (params[k] !== undefined) service[k] = params[k];
      }
      return;
    case "routing table":
      config.routingTables.push({ name: params.name!, fib: params.fib !== undefined, comment: params.comment });
      return;
  }
}

function firewallRule(params: Params, defaultAction: string): FirewallRule {
  const action = params.action ?? defaultAction;
  const needs: Record<string, string[]> = {
    "mark-connection": ["new-connection-mark"],
    "mark-routing": ["new-routing-mark"],
    "add-src-to-address-list": ["address-list"],
    "add-dst-to-address-list": ["address-list"],
    "src-nat": ["to-addresses"],
  };
  for (const key of needs[action] ?? []) {
    if (params[key] === undefined) throw new Error(`action=${action} needs ${key}`);
  }
  const timeout = params["address-list-timeout"];
  const pccText = params["per-connection-classifier"];
  const printed: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === "disabled" || key === "log" || key === "comment" || key === "log-prefix") continue;
    if (key === "passthrough") printed[key] = isYes(value) ? "true" : "false";
    else if (key === "address-list-timeout")
      printed[key] = timeout === "none-dynamic" || timeout === "none-static" ? value : formatDuration(parseDuration(value)!);
    else printed[key] = value;
  }
  printed.action = action;
  // RouterOS shows passthrough only on actions that can continue; add-*-to-address-list always passes through
  if (["mark-connection", "mark-routing"].includes(action) && printed.passthrough === undefined) printed.passthrough = "true";
  return {
    chain: params.chain!,
    action,
    inInterface: neg(params["in-interface"], (v) => v),
    outInterface: neg(params["out-interface"], (v) => v),
    srcAddress: neg(params["src-address"], (v) => parseCidr(v) as Cidr),
    dstAddress: neg(params["dst-address"], (v) => parseCidr(v) as Cidr),
    srcAddressList: neg(params["src-address-list"], (v) => v),
    dstAddressList: neg(params["dst-address-list"], (v) => v),
    connectionState: neg(params["connection-state"], (v) => new Set(v.split(","))),
    connectionMark: neg(params["connection-mark"], (v) => v),
    routingMark: neg(params["routing-mark"], (v) => v),
    protocol: neg(params.protocol, (v) => v),
    nth: params.nth === undefined ? undefined : { every: Number(params.nth.split(",")[0]), packet: Number(params.nth.split(",")[1]) },
    pcc: pccText === undefined ? undefined : parsePcc(pccText),
    newConnectionMark: params["new-connection-mark"],
    newRoutingMark: params["new-routing-mark"],
    passthrough:
      action.startsWith("add-") || action === "passthrough" ? true : params.passthrough === undefined ? true : isYes(params.passthrough),
    addressList: params["address-list"],
    addressListTimeoutMs:
      timeout === undefined || timeout === "none-static" ? undefined : timeout === "none-dynamic" ? Infinity : parseDuration(timeout),
    toAddresses: params["to-addresses"],
    disabled: isYes(params.disabled),
    comment: params.comment,
    printed,
  };
}

function parsePcc(text: string): NonNullable<FirewallRule["pcc"]> {
  const negate = text.startsWith("!");
  const [fields, ratio] = text.replace(/^!/, "").split(":") as [string, string];
  const [denominator, remainder] = ratio.split("/").map(Number) as [number, number];
  return { fields: fields as PccFields, denominator, remainder, negate };
}

function neg<T>(value: string | undefined, convert: (v: string) => T): Negatable<T> | undefined {
  if (value === undefined) return undefined;
  const negate = value.startsWith("!");
  return { value: convert(negate ? value.slice(1) : value), negate };
}

function isYes(value: string | undefined): boolean {
  return value === "yes" || value === "true";
}
