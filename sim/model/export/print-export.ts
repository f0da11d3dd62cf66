import { formatCidr } from "../../engine/ip";
import type { RuleState } from "../../engine/firewall-rule-state";
import type { SimRouter } from "../router";

// The router's current configuration as RouterOS's `/export` prints it: a header comment, one section
// per menu in RouterOS's order, `add` lines with properties in alphabetical order, long lines continued
// with a backslash and four spaces, values quoted and escaped where RouterOS would. Loading this text
// gives the same rules back (the round trip the tests rely on). Dynamic entries are left out, as RouterOS does.

const WIDTH = 80;
/** a bare word such as `fib` in `/routing table add fib name=odd` */
const FLAG = "\u0000flag";

/** Quotes a value when RouterOS would: anything but plain name characters; bytes outside ASCII as \XX. */
export function quoteValue(value: string): string {
  if (value !== "" && /^[A-Za-z0-9._:/,*!@+%-]+$/.test(value)) return value;
  let out = '"';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === '"' || char === "\\" || char === "$" || char === "?") out += "\\" + char;
    else if (code < 0x20 || code >= 0x7f) out += "\\" + code.toString(16).toUpperCase().padStart(2, "0");
    else out += char;
  }
  return out + '"';
}

function line(verb: string, params: Record<string, string | undefined>): string {
  const words = [verb];
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined) continue;
    words.push(value === FLAG ? key : `${key}=${quoteValue(value)}`);
  }
  // continuation lines as RouterOS wraps them: break before a word that would pass the width
  let out = "";
  let current = "";
  for (const word of words) {
    if (current !== "" && current.length + 1 + word.length > WIDTH - 2) {
      out += current + " \\\n";
      current = "    " + word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  return out + current;
}

function rulesSection(title: string, rules: RuleState[]): string[] {
  if (rules.length === 0) return [];
  return [title, ...rules.map((state) => line("add", state.rule.params))];
}

export function printExport(router: SimRouter, now: number): string {
  const dp = router.dataplane;
  const config = dp.config;
  const v7 = router.personality.routeStyle === "v7";
  const out: string[] = [
    `# ${router.date(now)} by RouterOS ${router.personality.version.split(" ")[0]}`,
    `# software id = SIM-${router.name.length.toString(16).toUpperCase().padStart(4, "0")}`,
    "#",
    "# model = RB4011iGS+",
  ];
  if (v7 && config.routingTables.length > 0) {
    out.push("/routing table");
    for (const t of config.routingTables) out.push(line("add", { name: t.name, fib: t.fib ? FLAG : undefined, comment: t.comment }));
  }
  if (config.addresses.length > 0) {
    out.push("/ip address");
    for (const a of config.addresses) {
      out.push(
        line("add", {
          address: a.text,
          interface: a.interface,
          network: a.network,
          comment: a.comment,
          disabled: a.disabled ? "yes" : undefined,
        }),
      );
    }
  }
  const statics = [...dp.lists.entries()].filter((e) => !e.dynamic && e.expiresAt === undefined);
  if (statics.length > 0) {
    out.push("/ip firewall address-list");
    for (const e of statics) {
      out.push(line("add", { address: formatCidr(e.cidr), list: e.list, comment: e.comment, disabled: e.disabled ? "yes" : undefined }));
    }
  }
  out.push(...rulesSection("/ip firewall filter", dp.firewall.filter));
  out.push(...rulesSection("/ip firewall mangle", dp.firewall.mangle));
  out.push(...rulesSection("/ip firewall nat", dp.firewall.nat));
  out.push(...rulesSection("/ip firewall raw", dp.firewall.raw));
  if (dp.routing.routes.length > 0) {
    out.push("/ip route");
    for (const r of dp.routing.routes) out.push(line("add", r.config.params));
  }
  const services = router.serviceSettings();
  const changed = Object.entries(services).filter(([, s]) => Object.keys(s).length > 0);
  if (changed.length > 0) {
    out.push("/ip service");
    for (const [name, s] of changed) {
      out.push(
        line(`set ${name}`, {
          disabled: s.disabled === undefined ? undefined : s.disabled ? "yes" : "no",
          "max-sessions": s.maxSessions === undefined ? undefined : String(s.maxSessions),
          port: s.port,
          address: s.address,
          certificate: s.certificate,
          "tls-version": s["tls-version"],
          vrf: s.vrf,
        }),
      );
    }
  }
  out.push("/system identity", line("set", { name: router.identity }));
  return out.join("\n") + "\n";
}
