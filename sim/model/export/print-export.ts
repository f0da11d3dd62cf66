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
  const yes = (flag: boolean): string | undefined => (flag ? "yes" : undefined);
  const section = <T>(title: string, items: readonly T[], print: (item: T) => string): void => {
    if (items.length === 0) return;
    out.push(title, ...items.map(print));
  };
  const of = (type: string) => config.interfaces.filter((i) => i.type === type);
  section("/interface bridge", of("bridge"), (i) => line("add", { name: i.name, comment: i.comment, disabled: yes(i.disabled) }));
  for (const [type, title] of [
    ["ether", "/interface ethernet"],
    ["wlan", "/interface wireless"],
  ] as const) {
    section(
      title,
      of(type).filter((i) => i.defaultName !== undefined),
      (i) => line(`set [ find default-name=${i.defaultName} ]`, { name: i.name, comment: i.comment, disabled: yes(i.disabled) }),
    );
  }
  section("/interface pppoe-client", of("pppoe-out"), (i) => {
    const client = config.wanClients.find((c) => c.interface === i.name);
    return line("add", {
      name: i.name,
      interface: i.parent,
      "add-default-route": client?.addDefaultRoute ? "yes" : undefined,
      "default-route-distance": client && client.distance !== 1 ? String(client.distance) : undefined,
      disabled: yes(i.disabled),
    });
  });
  section("/interface vlan", of("vlan"), (i) =>
    line("add", { name: i.name, interface: i.parent, comment: i.comment, disabled: yes(i.disabled) }),
  );
  section("/interface list", config.interfaceLists, (l) => line("add", { name: l.name, comment: l.comment }));
  section("/ip pool", config.pools, (p) => line("add", { name: p.name, ranges: p.ranges }));
  section("/ip dhcp-server", config.dhcpServers, (d) =>
    line("add", { name: d.name, interface: d.interface, "address-pool": d.pool, "lease-time": d.leaseTime, disabled: yes(d.disabled) }),
  );
  if (v7)
    section("/routing table", config.routingTables, (t) =>
      line("add", { name: t.name, fib: t.fib ? FLAG : undefined, comment: t.comment }),
    );
  section("/interface bridge port", config.bridgePorts, (p) =>
    line("add", { bridge: p.bridge, interface: p.interface, disabled: yes(p.disabled) }),
  );
  section("/interface list member", config.interfaceListMembers, (m) =>
    line("add", { list: m.list, interface: m.interface, disabled: yes(m.disabled) }),
  );
  section(
    "/ip address",
    config.addresses.filter((a) => a.dynamic !== true),
    (a) => line("add", { address: a.text, interface: a.interface, network: a.network, comment: a.comment, disabled: yes(a.disabled) }),
  );
  section(
    "/ip dhcp-client",
    config.wanClients.filter((c) => c.kind === "dhcp"),
    (c) =>
      line("add", {
        interface: c.interface,
        "add-default-route": c.addDefaultRoute ? undefined : "no",
        "default-route-distance": c.distance !== 1 ? String(c.distance) : undefined,
        disabled: yes(c.disabled),
      }),
  );
  section("/ip dhcp-server lease", config.dhcpLeases, (l) =>
    line("add", {
      address: l.address,
      "mac-address": l.macAddress,
      "client-id": l.clientId,
      server: l.server,
      comment: l.comment,
      disabled: yes(l.disabled),
    }),
  );
  section("/ip dhcp-server network", config.dhcpNetworks, (n) =>
    line("add", { address: n.address, gateway: n.gateway, "dns-server": n.dnsServer }),
  );
  if (config.dns.servers.length > 0 || config.dns.allowRemoteRequests)
    out.push(
      "/ip dns",
      line("set", { "allow-remote-requests": yes(config.dns.allowRemoteRequests), servers: config.dns.servers.join(",") || undefined }),
    );
  section("/ip dns static", config.dnsStatic, (d) => line("add", { name: d.name, address: d.address }));
  const statics = [...dp.lists.entries()].filter((e) => !e.dynamic && e.expiresAt === undefined);
  section("/ip firewall address-list", statics, (e) =>
    line("add", { address: e.address, list: e.list, comment: e.comment, disabled: yes(e.disabled) }),
  );
  out.push(...rulesSection("/ip firewall filter", dp.firewall.filter));
  out.push(...rulesSection("/ip firewall mangle", dp.firewall.mangle));
  out.push(...rulesSection("/ip firewall nat", dp.firewall.nat));
  out.push(...rulesSection("/ip firewall raw", dp.firewall.raw));
  section(
    "/ip route",
    dp.routing.routes.filter((r) => r.config.dynamic !== true),
    (r) => line("add", r.config.params),
  );
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
  section("/tool netwatch", config.netwatch, (params) => line("add", params));
  return out.join("\n") + "\n";
}
