import { RouterTrap, type Attributes, type Menu, type Row } from "../../protocol/router-api";
import { SERVICE_NAMES, type ServiceName } from "../../protocol/session-ledger";
import type { ServiceConfig } from "../config";
import { formatBool, formatId } from "../format";
import type { SimRouter } from "../router";

const ITEMS: ReadonlyArray<{ name: string; port: string; tls: boolean; disabled: boolean }> = [
  { name: "telnet", port: "23", tls: false, disabled: false },
  { name: "ftp", port: "21", tls: false, disabled: false },
  { name: "www", port: "80", tls: false, disabled: false },
  { name: "ssh", port: "22", tls: false, disabled: false },
  { name: "www-ssl", port: "443", tls: true, disabled: true },
  { name: "api", port: "8728", tls: false, disabled: false },
  { name: "winbox", port: "8291", tls: false, disabled: false },
  { name: "api-ssl", port: "8729", tls: true, disabled: false },
];

const SETTABLE = new Set(["port", "address", "certificate", "tls-version", "max-sessions", "vrf", "disabled"]);

/**
 * /ip/service: the eight services with the export's settings. api and api-ssl obey disabled and
 * max-sessions (the session ledger enforces them); port, address and the rest are shown as configured,
 * since the simulator picks its own loopback ports and every client comes from 127.0.0.1.
 */
export function serviceMenu(router: SimRouter, configured: Record<string, ServiceConfig>): Menu {
  const v7 = router.personality.routeStyle === "v7";
  const settingsOf = (name: string): ServiceConfig => (configured[name] ??= {});
  const isApi = (name: string): name is ServiceName => (SERVICE_NAMES as readonly string[]).includes(name);
  const find = (id: string): (typeof ITEMS)[number] => {
    const item = ITEMS.find((candidate, index) => candidate.name === id || formatId(index) === id);
    if (item === undefined) throw new RouterTrap("no such item");
    return item;
  };
  return {
    print: () =>
      ITEMS.map((item, index) => {
        const s = configured[item.name] ?? {};
        const api = isApi(item.name) ? router.sessions.settings(item.name) : undefined;
        const row: Row = { ".id": formatId(index), name: item.name, port: s.port ?? item.port, address: s.address ?? "" };
        if (v7) row.vrf = s.vrf ?? "main";
        if (item.tls) {
          row.certificate = s.certificate ?? "none";
          row["tls-version"] = s["tls-version"] ?? "any";
        }
        if (v7) row["max-sessions"] = String(api?.maxSessions ?? s.maxSessions ?? 20);
        row.invalid = "false";
        row.disabled = formatBool(api?.disabled ?? s.disabled ?? item.disabled);
        return row;
      }),
    set: (id: string, attributes: Attributes) => {
      const item = find(id);
      for (const key of Object.keys(attributes)) if (!SETTABLE.has(key)) throw new RouterTrap(`unknown parameter ${key}`);
      const s = settingsOf(item.name);
      const max = attributes["max-sessions"];
      if (max !== undefined && !(/^\d+$/.test(max) && Number(max) >= 1 && Number(max) <= 1000))
        throw new RouterTrap("value of max-sessions out of range (1..1000)");
      const disabled = attributes.disabled;
      if (disabled !== undefined && !["yes", "no", "true", "false"].includes(disabled))
        throw new RouterTrap("invalid value for argument disabled");
      for (const key of ["port", "address", "certificate", "tls-version", "vrf"] as const) {
        if (attributes[key] !== undefined) s[key] = attributes[key];
      }
      if (max !== undefined) s.maxSessions = Number(max);
      if (disabled !== undefined) s.disabled = disabled === "yes" || disabled === "true";
      if (isApi(item.name)) router.sessions.configure(item.name, { maxSessions: s.maxSessions, disabled: s.disabled });
    },
  };
}
