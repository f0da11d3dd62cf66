import type { z } from "zod";
import { formatIp, parseCidr, parseIp } from "../../engine/ip";
import type { FirewallTable, RouterConfig } from "../config";
import { parseDuration } from "../format";
import { compileFirewallRule } from "../rules/firewall-rule";
import { compileRoute } from "../rules/route";
import { isYes, ParamsError, type ParamIssue } from "../rules/values";
import { parseScript, type ScriptCommand } from "./parse-script";
import { SCRIPT_SCHEMAS, SERVICE_ITEMS } from "./schemas";
import { ExportScriptError, type ScriptProblem } from "./script-error";

type Params = Record<string, string>;

/** Parses and validates an export for a v6 or v7 router; throws ExportScriptError listing every problem. */
export function loadConfig({ script, routeStyle, source }: { script: string; routeStyle: "v6" | "v7"; source?: string }): RouterConfig {
  const { commands, problems } = parseScript(script);
  const config: RouterConfig = {
    addresses: [],
    mangle: [],
    nat: [],
    addressLists: [],
    routes: [],
    routingTables: [],
    services: {},
    filter: [],
    raw: [],
  };
  const tableUses: Array<{ line: number; table: string }> = [];
  for (const command of commands) {
    const params = validate(command, routeStyle, problems);
    if (params === undefined) continue;
    try {
      apply({ config, command, params, tableUses, routeStyle });
    } catch (error) {
      const where = `/${command.path} ${command.verb}`;
      if (error instanceof ParamsError)
        for (const issue of error.issues) problems.push({ line: command.line, message: issueMessage(issue, where, routeStyle) });
      else problems.push({ line: command.line, message: (error as Error).message });
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
  if (path === "routing table" && routeStyle === "v6") return undefined;
  return path in SCRIPT_SCHEMAS ? (path as keyof typeof SCRIPT_SCHEMAS) : undefined;
}

const FIREWALL_PATHS: Record<string, FirewallTable> = {
  "ip firewall filter": "filter",
  "ip firewall mangle": "mangle",
  "ip firewall nat": "nat",
  "ip firewall raw": "raw",
};

function validate(command: ScriptCommand, routeStyle: "v6" | "v7", problems: ScriptProblem[]): Params | undefined {
  const where = `/${command.path} ${command.verb}`;
  if (command.path in FIREWALL_PATHS || command.path === "ip route") {
    if (command.verb !== "add") {
      problems.push({ line: command.line, message: `unsupported command "${where}" (expected "add")` });
      return undefined;
    }
    return collect(command, where, problems);
  }
  const key = schemaKey(command.path, routeStyle);
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
  const params = collect(command, where, problems);
  const result = SCRIPT_SCHEMAS[key].safeParse(params);
  if (result.success) return result.data as Params;
  for (const issue of result.error.issues) problems.push({ line: command.line, message: describe(issue, where, routeStyle) });
  return undefined;
}

function collect(command: ScriptCommand, where: string, problems: ScriptProblem[]): Params {
  const params: Params = {};
  for (const { key: k, value } of command.params) {
    if (k in params) problems.push({ line: command.line, message: `parameter "${k}" given twice in ${where}` });
    params[k] = value;
  }
  return params;
}

/** One compiler issue in an export's words (the API words the same issue as a RouterOS trap). */
function issueMessage(issue: ParamIssue, where: string, routeStyle: "v6" | "v7"): string {
  if (issue.kind === "unknown") {
    const hints: Record<string, string> = {
      "routing-mark": routeStyle === "v7" && where.startsWith("/ip route") ? " (RouterOS 7 uses routing-table)" : "",
      "routing-table": routeStyle === "v6" ? " (RouterOS 6 uses routing-mark)" : "",
    };
    return `unknown parameter "${issue.key}" for ${where}${hints[issue.key] ?? ""}`;
  }
  if (issue.kind === "missing")
    return issue.detail === "" ? `missing required parameter "${issue.key}" for ${where}` : `${issue.detail} needs ${issue.key}`;
  return `invalid value for "${issue.key}" in ${where}: ${issue.detail}`;
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
  routeStyle,
}: {
  config: RouterConfig;
  command: ScriptCommand;
  params: Params;
  tableUses: Array<{ line: number; table: string }>;
  routeStyle: "v6" | "v7";
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
    case "ip firewall filter":
    case "ip firewall mangle":
    case "ip firewall nat":
    case "ip firewall raw": {
      const table = FIREWALL_PATHS[command.path]!;
      const rule = compileFirewallRule(table, params);
      // rules in input/output see no simulated traffic, so what they match does not matter
      if (rule.unmodelled.length > 0 && !rule.disabled && rule.chain !== "input" && rule.chain !== "output")
        throw new Error(`the simulator cannot model ${rule.unmodelled.join(", ")} (chain=${rule.chain})`);
      if (rule.newRoutingMark !== undefined) tableUses.push({ line: command.line, table: rule.newRoutingMark });
      config[table].push(rule);
      return;
    }
    case "ip route": {
      const route = compileRoute(routeStyle, params);
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
