import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportText } from "../../engine/test-router";
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
    expect(() => loadConfig({ routeStyle: "v7", script: "/ip service\nset gopher disabled=yes" })).toThrow(/needs service names/);
  });
});
