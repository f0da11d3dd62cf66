import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportText } from "../../testing/test-router";
import { loadConfig } from "./load-config";
import { ExportScriptError } from "./script-error";

describe("loadConfig", () => {
  it("loads the seed's Quick Start verbatim", () => {
    const seed = readFileSync("/work/shared/seed/000_52e4584df8400bdd.txt", "utf8");
    const quickStart = seed.slice(seed.indexOf("/ ip address"), seed.indexOf("Explanation"));
    expect(exportText("seed-nth.rsc")).toContain(quickStart.trim());
    const config = loadConfig({ script: quickStart, routeStyle: "v6" });
    expect(config.addresses.map((a) => a.interface)).toEqual(["Local", "wlan2", "wlan1"]);
    expect(config.mangle).toHaveLength(10);
    expect(config.mangle[4]).toMatchObject({
      nth: { every: 2, packet: 1 },
      connectionState: { negate: false },
      newConnectionMark: "odd",
      passthrough: true,
    });
    expect(config.mangle[5]).toMatchObject({ action: "add-src-to-address-list", addressList: "odd", addressListTimeoutMs: 86_400_000 });
    expect(config.mangle[6]).toMatchObject({ passthrough: false, newRoutingMark: "odd" });
    expect(config.nat).toHaveLength(2);
    expect(config.routes.map((r) => r.table)).toEqual(["odd", "even", "main"]);
  });

  it("loads every shipped export for its version", () => {
    for (const file of ["seed-nth.rsc", "seed-nth-fixed.rsc", "pcc-3wan.rsc"])
      expect(() => loadConfig({ script: exportText(file), routeStyle: "v6" })).not.toThrow();
    const v7 = loadConfig({ script: exportText("seed-nth-v7.rsc"), routeStyle: "v7" });
    expect(v7.routingTables.map((t) => t.name)).toEqual(["odd", "even"]);
  });

  it("understands /ip/firewall style headers, quoted values, comments and one-line commands", () => {
    const config = loadConfig({
      routeStyle: "v6",
      script: [
        "# comment",
        "/ip firewall address-list",
        'add list=vip address=192.168.0.9 comment="the boss \\"B\\""',
        "/ip/firewall/address-list add list=vip address=10.0.0.0/8",
        "/system identity set name=gw-1",
      ].join("\n"),
    });
    expect(config.addressLists).toEqual([
      { list: "vip", address: "192.168.0.9", timeoutMs: undefined, comment: 'the boss "B"', disabled: false },
      { list: "vip", address: "10.0.0.0/8", timeoutMs: undefined, comment: undefined, disabled: false },
    ]);
    expect(config.identity).toBe("gw-1");
  });

  it("reports every problem with its line number", () => {
    const script = [
      "/ip address",
      "add address=192.168.0.1/24 interface=Local colour=blue", // 2
      "/ip firewall mangle",
      "add chain=prerouting nth=3,4 action=mark-connection new-connection-mark=x", // 4
      "add chain=prerouting action=mark-routing", // 5
      "add chain=prerouting action=jump", // 6
      "/ip firewall filter", // 7
      "add chain=forward action=drop limit=10,5", // 8
      "/ip route",
      "add gateway=10.0.0.1 routing-table=odd", // 10
      'add comment="unterminated', // 11
    ].join("\n");
    let error: unknown;
    try {
      loadConfig({ script, routeStyle: "v6", source: "bad.rsc" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExportScriptError);
    const problems = (error as ExportScriptError).problems;
    expect(problems.map((p) => p.line)).toEqual([2, 4, 5, 6, 8, 10, 11]);
    expect(problems[0]!.message).toBe('unknown parameter "colour" for /ip address add');
    expect(problems[2]!.message).toBe("action=mark-routing needs new-routing-mark");
    expect(problems[3]!.message).toBe("action=jump needs jump-target");
    expect(problems[4]!.message).toBe("the simulator cannot model limit (chain=forward)");
    expect(problems[5]!.message).toContain("(RouterOS 6 uses routing-mark)");
    expect((error as Error).message).toContain("bad.rsc: 7 problem(s)");
  });

  it("rejects v6 routing marks on v7 and marks that name no routing table", () => {
    expect(() => loadConfig({ script: exportText("seed-nth.rsc"), routeStyle: "v7" })).toThrow(/RouterOS 7 uses routing-table/);
    const withoutTables = exportText("seed-nth-v7.rsc").replace(/\/routing table\nadd name=odd fib\nadd name=even fib\n/, "");
    expect(() => loadConfig({ script: withoutTables, routeStyle: "v7" })).toThrow(/routing table "odd" does not exist/);
    expect(() => loadConfig({ script: exportText("seed-nth-v7.rsc"), routeStyle: "v6" })).toThrow(/RouterOS 6 has no \/routing table/);
  });

  it("reads /ip service settings: names first, several at once, enable/disable verbs, range-checked", () => {
    const config = loadConfig({
      routeStyle: "v7",
      script: [
        "/ip service",
        "set api max-sessions=5 port=18728",
        "set telnet,ftp disabled=yes",
        "disable www",
        "/ip service enable www",
      ].join("\n"),
    });
    expect(config.services).toEqual({
      api: { maxSessions: 5, port: "18728" },
      telnet: { disabled: true },
      ftp: { disabled: true },
      www: { disabled: false },
    });
    expect(() => loadConfig({ routeStyle: "v7", script: "/ip service\nset api max-sessions=1001" })).toThrow(/max-sessions/);
    expect(() => loadConfig({ routeStyle: "v7", script: "/ip service\nset gopher disabled=yes" })).toThrow(
      /no such item "gopher" in \/ip service/,
    );
  });

  it("reports what it cannot model with line and construct; lenient loading keeps the rest and lists what it skipped", () => {
    const script = [
      "# 2025-06-12 10:14:03 by RouterOS 7.19.1", // 1
      "/interface wireguard", // 2
      "add listen-port=13231 name=wg0", // 3
      "/ip firewall mangle", // 4
      "add action=mark-connection chain=prerouting new-connection-mark=a passthrough=yes \\", // 5
      "    limit=10,5:packet", // 6
      "add action=accept chain=input limit=10,5:packet", // 7: input sees no simulated traffic
      "add action=route chain=prerouting route-dst=10.1.1.1", // 8
      "/ip firewall filter", // 9
      "add action=accept chain=forward", // 10
      "/tool netwatch", // 11
      'add host=10.111.0.1 down-script="/ip route disable [find comment=ISP1]"', // 12
      "/system scheduler", // 13
      "add interval=1m name=flip on-event=flip", // 14
      "/interface ethernet", // 15
      "set [ find default-name=ether99 ] name=x", // 16
      "/snmp", // 17
      "set enabled=yes", // 18
    ].join("\n");
    let error: unknown;
    try {
      loadConfig({ script, routeStyle: "v7", source: "real.rsc" });
    } catch (e) {
      error = e;
    }
    expect((error as ExportScriptError).problems.map((p) => p.line)).toEqual([3, 5, 8, 12, 14, 16]);
    const config = loadConfig({ script, routeStyle: "v7", source: "real.rsc", lenient: true });
    expect(config.filter).toHaveLength(1);
    expect(config.mangle.map((r) => r.chain)).toEqual(["input"]);
    expect(config.report.skipped).toEqual([
      { line: 3, construct: "/interface wireguard add", message: 'unknown command "/interface wireguard add"' },
      { line: 5, construct: "/ip firewall mangle add", message: "the simulator cannot model limit (chain=prerouting)" },
      { line: 8, construct: "/ip firewall mangle add", message: "the simulator cannot model action=route (chain=prerouting)" },
      { line: 12, construct: "/tool netwatch add", message: "the simulator cannot run netwatch scripts (down-script)" },
      { line: 14, construct: "/system scheduler add", message: 'unknown command "/system scheduler add"' },
      { line: 16, construct: "/interface ethernet set", message: "[ find default-name=ether99 ] selects nothing in /interface ethernet" },
    ]);
    expect(config.report.ignored).toEqual([{ line: 18, construct: "/snmp set", reason: "SNMP" }]);
  });

  it("reads [ find ] selectors, escapes, UTF-8, ranges, DNS names and v7 dynamic=yes", () => {
    const config = loadConfig({
      routeStyle: "v7",
      script: [
        "/interface ethernet",
        "set [ find default-name=ether1 ] name=wan1",
        'set [ find name=wan1 ] comment="uplink \\C3\\A9 \\"A\\" \\$x"',
        "/interface wireless",
        "set [ find ] disabled=yes",
        "/ip firewall address-list",
        "add address=192.168.1.0-192.168.1.255 list=nets",
        "add address=192.168.2.10-192.168.2.20 list=nets",
        "add address=10.1.2.3/8 list=nets",
        'add address=updates.example.com list=cdn comment="Café"',
        "add address=192.168.3.3 dynamic=yes list=temp",
      ].join("\n"),
    });
    expect(config.interfaces).toEqual([
      { name: "wan1", defaultName: "ether1", type: "ether", disabled: false, comment: 'uplink \u00c3\u00a9 "A" $x' },
      { name: "wlan1", defaultName: "wlan1", type: "wlan", disabled: true },
      { name: "wlan2", defaultName: "wlan2", type: "wlan", disabled: true },
    ]);
    expect(config.addressLists.map((e) => e.address)).toEqual([
      "192.168.1.0-192.168.1.255",
      "192.168.2.10-192.168.2.20",
      "10.1.2.3/8",
      "updates.example.com",
      "192.168.3.3",
    ]);
    expect(config.addressLists[3]!.comment).toBe("Caf\u00c3\u00a9"); // UTF-8 bytes, as RouterOS keeps them
    expect(config.addressLists[4]!.dynamic).toBe(true);
    expect(() => loadConfig({ routeStyle: "v6", script: "/ip firewall address-list\nadd address=1.2.3.4 dynamic=yes list=x" })).toThrow(
      /RouterOS 7 has dynamic=yes/,
    );
  });
});
