import type { z } from "zod";
import { formatIp, parseCidr, parseIp } from "../../engine/ip";
import type { FirewallTable, InterfaceConfig, RouterConfig } from "../config";
import { parseDuration } from "../format";
import { compileFirewallRule } from "../rules/firewall-rule";
import { compileRoute } from "../rules/route";
import { isYes, ParamsError, type ParamIssue } from "../rules/values";
import { parseScript, type ScriptCommand } from "./parse-script";
import { IGNORED_MENUS, SCRIPT_SCHEMAS, SERVICE_ITEMS, type ScriptMenu } from "./schemas";
import { ExportScriptError, type ScriptProblem } from "./script-error";

type Params = Record<string, string>;
type Style = "v6" | "v7";

export type LoadOptions = {
  script: string;
  routeStyle: Style;
  source?: string;
  /** load what can be modelled, list the rest in config.report.skipped instead of failing */
  lenient?: boolean;
};

const FIREWALL_PATHS: Record<string, FirewallTable> = {
  "ip firewall filter": "filter",
  "ip firewall mangle": "mangle",
  "ip firewall nat": "nat",
  "ip firewall raw": "raw",
};

/** The board's own ports, as `[ find default-name=... ]` selects them (an RB4011 with two radios). */
const DEFAULT_PORTS: ReadonlyArray<{ defaultName: string; type: InterfaceConfig["type"] }> = [
  ...Array.from({ length: 10 }, (_, i) => ({ defaultName: `ether${i + 1}`, type: "ether" as const })),
  { defaultName: "sfp-sfpplus1", type: "ether" },
  { defaultName: "wlan1", type: "wlan" },
  { defaultName: "wlan2", type: "wlan" },
];

/** Verbs each menu takes in an export; `set` menus act on selected items or on the menu's one item. */
const VERBS: Partial<Record<ScriptMenu, string[]>> = {
  "ip service": ["set", "enable", "disable"],
  "system identity": ["set"],
  "ip dns": ["set"],
  "interface ethernet": ["set"],
  "interface wireless": ["set", "add"],
};

/**
 * Parses and validates an export for a v6 or v7 router. Every problem carries its line; strict loading
 * throws ExportScriptError listing all of them, lenient loading leaves those lines out and lists them in
 * config.report.skipped. Menus that change nothing simulated are accepted and listed in report.ignored.
 */
export function loadConfig({ script, routeStyle, source, lenient = false }: LoadOptions): RouterConfig {
  const { commands, problems } = parseScript(script);
  const config = emptyConfig();
  const state = new LoadState(config);
  for (const command of commands) {
    const before = problems.length;
    const params = validate(command, routeStyle, problems, config);
    if (params === undefined || problems.length > before) continue;
    try {
      apply({ config, command, params, state, routeStyle });
    } catch (error) {
      const where = `/${command.path} ${command.verb}`;
      if (error instanceof ParamsError)
        for (const issue of error.issues) problems.push({ line: command.line, message: issueMessage(issue, where, routeStyle) });
      else problems.push({ line: command.line, message: (error as Error).message });
    }
  }
  problems.push(...state.finish(routeStyle));
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0 && !lenient) throw new ExportScriptError(problems, source);
  config.report.skipped = problems.map((p) => ({ line: p.line, construct: constructOf(commands, p.line), message: p.message }));
  return config;
}

function emptyConfig(): RouterConfig {
  return {
    addresses: [],
    mangle: [],
    nat: [],
    filter: [],
    raw: [],
    addressLists: [],
    routes: [],
    routingTables: [],
    services: {},
    interfaces: [],
    bridgePorts: [],
    interfaceLists: [],
    interfaceListMembers: [],
    wanClients: [],
    pools: [],
    dhcpServers: [],
    dhcpNetworks: [],
    dhcpLeases: [],
    dns: { servers: [], allowRemoteRequests: false },
    dnsStatic: [],
    netwatch: [],
    report: { ignored: [], skipped: [] },
  };
}

function constructOf(commands: ScriptCommand[], line: number): string {
  const command = commands.find((c) => c.line === line);
  return command === undefined ? "(syntax)" : `/${command.path} ${command.verb}`;
}

/** What is only known at the end: routing marks naming v7 tables, and (lenient) what to drop again. */
class LoadState {
  private readonly tableUses: Array<{ line: number; table: string; drop: () => void }> = [];

  constructor(private readonly config: RouterConfig) {}

  usesTable(line: number, table: string, drop: () => void): void {
    this.tableUses.push({ line, table, drop });
  }

  finish(style: Style): ScriptProblem[] {
    if (style !== "v7") return [];
    const tables = new Set(["main", ...this.config.routingTables.map((t) => t.name)]);
    const problems: ScriptProblem[] = [];
    for (const use of this.tableUses) {
      if (tables.has(use.table)) continue;
      use.drop();
      problems.push({
        line: use.line,
        message: `routing table "${use.table}" does not exist (add it with /routing table add name=${use.table} fib)`,
      });
    }
    return problems;
  }
}

function schemaKey(path: string, style: Style): ScriptMenu | undefined {
  if (path === "routing table" && style === "v6") return undefined;
  return path in SCRIPT_SCHEMAS ? (path as ScriptMenu) : undefined;
}

function validate(command: ScriptCommand, style: Style, problems: ScriptProblem[], config: RouterConfig): Params | undefined {
  const where = `/${command.path} ${command.verb}`;
  if (command.path in FIREWALL_PATHS || command.path === "ip route") {
    if (command.verb !== "add") {
      problems.push({ line: command.line, message: `unsupported command "${where}" (expected "add")` });
      return undefined;
    }
    return collect(command, where, problems);
  }
  const key = schemaKey(command.path, style);
  if (key === undefined) {
    const reason = IGNORED_MENUS[command.path];
    if (reason !== undefined) {
      config.report.ignored.push({ line: command.line, construct: where, reason });
      return undefined;
    }
    const hint = command.path === "routing table" ? " (RouterOS 6 has no /routing table; use routing-mark on routes)" : "";
    problems.push({ line: command.line, message: `unknown command "${where}"${hint}` });
    return undefined;
  }
  const verbs = VERBS[key] ?? ["add"];
  if (!verbs.includes(command.verb)) {
    problems.push({ line: command.line, message: `unsupported command "${where}" (expected ${verbs.map((v) => `"${v}"`).join(" or ")})` });
    return undefined;
  }
  if (command.selector !== undefined && !["ip service", "interface ethernet", "interface wireless"].includes(key)) {
    problems.push({ line: command.line, message: `${where} takes no item selector` });
    return undefined;
  }
  const params = collect(command, where, problems);
  if (command.verb === "enable" || command.verb === "disable") params.disabled = command.verb === "disable" ? "yes" : "no";
  const result = SCRIPT_SCHEMAS[key].safeParse(params);
  if (result.success) return result.data as Params;
  for (const issue of result.error.issues) problems.push({ line: command.line, message: describe(issue, where, style) });
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
function issueMessage(issue: ParamIssue, where: string, style: Style): string {
  if (issue.kind === "unknown") {
    const hints: Record<string, string> = {
      "routing-mark": style === "v7" && where.startsWith("/ip route") ? " (RouterOS 7 uses routing-table)" : "",
      "routing-table": style === "v6" ? " (RouterOS 6 uses routing-mark)" : "",
    };
    return `unknown parameter "${issue.key}" for ${where}${hints[issue.key] ?? ""}`;
  }
  if (issue.kind === "missing")
    return issue.detail === "" ? `missing required parameter "${issue.key}" for ${where}` : `${issue.detail} needs ${issue.key}`;
  return `invalid value for "${issue.key}" in ${where}: ${issue.detail}`;
}

function describe(issue: z.core.$ZodIssue, where: string, style: Style): string {
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((k) => issueMessage({ kind: "unknown", key: k, detail: "" }, where, style)).join("; ");
  const field = issue.path.join(".");
  if (issue.code === "invalid_type" && issue.input === undefined) return `missing required parameter "${field}" for ${where}`;
  return `invalid value for "${field}" in ${where}: ${issue.message}`;
}

/** `set [ find default-name=ether1 ]`, `set ether1`, `set api,api-ssl`: the names of the items selected. */
function selected(command: ScriptCommand, items: ReadonlyArray<Record<string, string>>): string[] {
  const selector = command.selector;
  if (selector === undefined) throw new Error(`/${command.path} ${command.verb} needs an item: a name or [ find ... ]`);
  if ("names" in selector) {
    const unknown = selector.names.filter((n) => !items.some((item) => item.name === n));
    if (unknown.length > 0) throw new Error(`no such item "${unknown.join(",")}" in /${command.path}`);
    return selector.names;
  }
  const hits = items.filter((item) => selector.find.every((c) => item[c.key] === c.value));
  if (hits.length === 0)
    throw new Error(`[ find ${selector.find.map((c) => `${c.key}=${c.value}`).join(" ")} ] selects nothing in /${command.path}`);
  return hits.map((item) => item.name!);
}

/** The board's ports with their names now (after renames earlier in the export). */
function ports(config: RouterConfig, type: InterfaceConfig["type"]): Array<Record<string, string>> {
  return DEFAULT_PORTS.filter((p) => p.type === type).map((p) => ({
    "default-name": p.defaultName,
    name: config.interfaces.find((i) => i.defaultName === p.defaultName)?.name ?? p.defaultName,
  }));
}

function apply({
  config,
  command,
  params,
  state,
  routeStyle,
}: {
  config: RouterConfig;
  command: ScriptCommand;
  params: Params;
  state: LoadState;
  routeStyle: Style;
}): void {
  const disabled = isYes(params.disabled);
  const line = command.line;
  switch (command.path) {
    case "system identity":
      config.identity = params.name;
      return;
    case "interface ethernet":
    case "interface wireless": {
      const type = command.path === "interface ethernet" ? "ether" : "wlan";
      if (command.verb === "add") {
        config.interfaces.push({ name: params.name ?? `wlan${config.interfaces.length + 3}`, type, disabled, comment: params.comment });
        return;
      }
      for (const current of selected(command, ports(config, type))) {
        const defaultName = ports(config, type).find((p) => p.name === current)!["default-name"]!;
        let entry = config.interfaces.find((i) => i.defaultName === defaultName);
        if (entry === undefined) config.interfaces.push((entry = { name: current, defaultName, type, disabled: false }));
        if (params.name !== undefined) entry.name = params.name;
        if (params.disabled !== undefined) entry.disabled = disabled;
        if (params.comment !== undefined) entry.comment = params.comment;
      }
      return;
    }
    case "interface bridge":
      config.interfaces.push({ name: params.name!, type: "bridge", disabled, comment: params.comment });
      return;
    case "interface bridge port":
      config.bridgePorts.push({ bridge: params.bridge!, interface: params.interface!, disabled });
      return;
    case "interface vlan":
      config.interfaces.push({ name: params.name!, type: "vlan", parent: params.interface, disabled, comment: params.comment });
      return;
    case "interface list":
      if (params.include !== undefined || params.exclude !== undefined)
        throw new Error("the simulator cannot model include= / exclude= of interface lists");
      config.interfaceLists.push({ name: params.name!, comment: params.comment });
      return;
    case "interface list member":
      config.interfaceListMembers.push({ list: params.list!, interface: params.interface!, disabled });
      return;
    case "interface pppoe-client":
      config.interfaces.push({ name: params.name!, type: "pppoe-out", parent: params.interface, disabled, comment: params.comment });
      config.wanClients.push({
        kind: "pppoe",
        interface: params.name!,
        addDefaultRoute: isYes(params["add-default-route"]),
        distance: Number(params["default-route-distance"] ?? 1),
        disabled,
      });
      return;
    case "ip dhcp-client":
      config.wanClients.push({
        kind: "dhcp",
        interface: params.interface!,
        addDefaultRoute: params["add-default-route"] !== "no",
        distance: Number(params["default-route-distance"] ?? 1),
        disabled,
      });
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
    case "ip pool":
      config.pools.push({ name: params.name!, ranges: params.ranges! });
      return;
    case "ip dhcp-server":
      config.dhcpServers.push({
        name: params.name!,
        interface: params.interface!,
        pool: params["address-pool"],
        leaseTime: params["lease-time"],
        disabled,
      });
      return;
    case "ip dhcp-server network":
      config.dhcpNetworks.push({ address: params.address!, gateway: params.gateway, dnsServer: params["dns-server"] });
      return;
    case "ip dhcp-server lease":
      config.dhcpLeases.push({
        address: params.address!,
        macAddress: params["mac-address"]!.toUpperCase(),
        clientId: params["client-id"],
        server: params.server,
        comment: params.comment,
        disabled,
      });
      return;
    case "ip dns":
      if (params.servers !== undefined) config.dns.servers = params.servers.split(",").filter((s) => s !== "");
      if (params["allow-remote-requests"] !== undefined) config.dns.allowRemoteRequests = isYes(params["allow-remote-requests"]);
      return;
    case "ip dns static":
      config.dnsStatic.push({ name: params.name!.toLowerCase(), address: params.address! });
      return;
    case "tool netwatch":
      for (const key of ["up-script", "down-script", "test-script"])
        if (params[key] !== undefined && params[key] !== "") throw new Error(`the simulator cannot run netwatch scripts (${key})`);
      config.netwatch.push({ ...params });
      return;
    case "ip firewall address-list":
      if (params.dynamic !== undefined && routeStyle === "v6")
        throw new Error('unknown parameter "dynamic" (RouterOS 7 has dynamic=yes on add)');
      config.addressLists.push({
        list: params.list!,
        address: params.address!,
        timeoutMs: params.timeout === undefined ? undefined : parseDuration(params.timeout),
        comment: params.comment,
        disabled,
        ...(isYes(params.dynamic) ? { dynamic: true } : {}),
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
      const rules = config[table];
      rules.push(rule);
      if (rule.newRoutingMark !== undefined) state.usesTable(line, rule.newRoutingMark, () => rules.splice(rules.indexOf(rule), 1));
      return;
    }
    case "ip route": {
      const route = compileRoute(routeStyle, params);
      config.routes.push(route);
      if (params["routing-table"] !== undefined)
        state.usesTable(line, route.table, () => config.routes.splice(config.routes.indexOf(route), 1));
      return;
    }
    case "ip service": {
      const items = SERVICE_ITEMS.map((name) => ({ name }));
      for (const name of selected(command, items)) {
        const service = (config.services[name] ??= {});
        if (params.disabled !== undefined) service.disabled = disabled;
        if (params["max-sessions"] !== undefined) service.maxSessions = Number(params["max-sessions"]);
        for (const k of ["port", "address", "certificate", "tls-version", "vrf"] as const)
          if (params[k] !== undefined) service[k] = params[k];
      }
      return;
    }
    case "routing table":
      config.routingTables.push({ name: params.name!, fib: params.fib !== undefined, comment: params.comment });
      return;
  }
}
