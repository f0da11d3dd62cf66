import { describe, expect, it } from "vitest";
import { RouterTrap } from "../../protocol/router-api";
import { open, testRouter } from "../../testing/test-router";

const opts = { stats: false, detail: false };

describe("menus", () => {
  it("prints address-list entries with remaining timeout, dynamic flag and creation time", () => {
    const router = testRouter();
    open(router, "192.168.0.10");
    router.clock.advance(9_000);
    const menu = router.menu("/ip/firewall/address-list")!;
    const [row] = menu.print(opts);
    expect(row).toEqual({
      ".id": "*1",
      list: "odd",
      address: "192.168.0.10",
      "creation-time": "jan/02/2025 03:04:05",
      timeout: "23h59m51s",
      dynamic: "true",
      disabled: "false",
    });
    expect(() => menu.add!({ list: "odd", address: "192.168.0.10" })).toThrow(new RouterTrap("failure: already have such entry"));
    const id = menu.add!({ list: "even", address: "192.168.0.11", comment: "pinned" });
    expect(id).toBe("*2");
    menu.set!(id, { list: "odd" });
    expect(menu.print(opts)[1]).toMatchObject({ list: "odd", dynamic: "false", comment: "pinned" });
    menu.remove!(id);
    expect(() => menu.remove!(id)).toThrow(new RouterTrap("no such item"));
  });

  it("prints connections with marks and NAT, and removes them by id", () => {
    const router = testRouter();
    const conn = open(router, "192.168.0.10");
    const menu = router.menu("/ip/firewall/connection")!;
    const [row] = menu.print(opts);
    expect(row).toMatchObject({
      protocol: "tcp",
      "src-address": "192.168.0.10:" + conn.sport,
      "dst-address": "93.184.216.34:443",
      "reply-dst-address": "10.111.0.2:" + conn.sport,
      "connection-mark": "odd",
      "tcp-state": "established",
      srcnat: "true",
      "seen-reply": "true",
    });
    expect(router.menu("/ip/firewall/connection/tracking")!.print(opts)[0]).toMatchObject({ "total-entries": "1" });
    menu.remove!(row![".id"]!);
    expect(menu.print(opts)).toEqual([]);
  });

  it("prints v6 and v7 routes in their own shapes", () => {
    const v6 = testRouter();
    v6.dataplane.setLink("wlan2", false);
    const [odd, even] = v6.menu("/ip/route")!.print(opts);
    expect(odd).toMatchObject({
      "dst-address": "0.0.0.0/0",
      gateway: "10.111.0.1",
      "gateway-status": "10.111.0.1 unreachable",
      "routing-mark": "odd",
      active: "false",
    });
    expect(even).toMatchObject({ "gateway-status": "10.112.0.1 reachable via wlan1", "routing-mark": "even", active: "true" });
    const v7 = testRouter({ file: "seed-nth-v7.rsc", version: "7.19" });
    const [r7] = v7.menu("/ip/route")!.print(opts);
    expect(r7).toMatchObject({ "routing-table": "odd", "immediate-gw": "10.111.0.1%wlan2", active: "true" });
    expect(r7).not.toHaveProperty("routing-mark");
    expect(
      v7
        .menu("/routing/table")!
        .print(opts)
        .map((r) => r.name),
    ).toEqual(["main", "odd", "even"]);
    expect(v6.menu("/routing/table")).toBeUndefined();
  });

  it("shows mangle counters with =stats=, interface counters and resource fields", () => {
    const router = testRouter();
    open(router, "192.168.0.10");
    const mangle = router.menu("/ip/firewall/mangle")!;
    expect(mangle.print(opts)[4]).not.toHaveProperty("packets");
    expect(mangle.print({ stats: true, detail: false })[4]).toMatchObject({
      chain: "prerouting",
      nth: "2,1",
      action: "mark-connection",
      passthrough: "true",
      packets: "1",
      bytes: "60",
    });
    const iface = router
      .menu("/interface")!
      .print(opts)
      .find((r) => r.name === "wlan2");
    expect(iface).toMatchObject({ "tx-byte": "60", "rx-byte": "60", running: "true", "link-downs": "0" });
    router.clock.advance(3_723_000);
    expect(router.menu("/system/resource")!.print(opts)[0]).toMatchObject({
      uptime: "1h2m3s",
      version: "6.49.10 (long-term)",
      "board-name": "RB4011iGS+",
    });
    const monitor = router.menu("/interface")!.commands!["monitor-traffic"]!({ interface: "wlan1,wlan2", once: "" });
    expect(monitor.kind === "rows" && monitor.rows.map((r) => r.name)).toEqual(["wlan1", "wlan2"]);
  });
});
