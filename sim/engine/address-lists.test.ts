import { describe, expect, it } from "vitest";
import { groundTruth } from "../model/ground-truth";
import { SimRouter } from "../model/router";
import { SimClock } from "./clock";
import { parseListAddress } from "./address-lists";
import { exportText } from "../testing/test-router";
import { parseIp } from "./ip";

function router(extra: string): SimRouter {
  return new SimRouter({
    name: "t",
    version: "7.19",
    script: exportText("seed-nth-v7.rsc") + "\n" + extra,
    clock: new SimClock(),
    epochMs: 0,
    timeScale: 1,
    listVisibilityDelayMs: 0,
    user: "u",
    password: "p",
  });
}

describe("address-list addresses", () => {
  it("stores a range as its covering prefix when it is exactly one, else as the range", () => {
    expect(parseListAddress("10.0.0.0-10.0.0.255")).toEqual({
      kind: "cidr",
      cidr: { network: parseIp("10.0.0.0"), prefix: 24, mask: 0xffffff00 },
    });
    expect(parseListAddress("10.0.0.4-10.0.0.7")).toMatchObject({ kind: "cidr", cidr: { prefix: 30 } });
    expect(parseListAddress("10.0.0.5-10.0.0.7")).toEqual({ kind: "range", from: parseIp("10.0.0.5"), to: parseIp("10.0.0.7") });
    expect(parseListAddress("10.0.0.9-10.0.0.1")).toBeUndefined();
    expect(parseListAddress("Example.COM")).toEqual({ kind: "fqdn", name: "example.com" });
  });

  it("a range pins the clients in it (rules match ranges), and the API shows it as written", () => {
    const r = router("/ip firewall address-list\nadd address=192.168.0.5-192.168.0.7 list=odd");
    const lists = r.dataplane.lists;
    expect(lists.matches("odd", parseIp("192.168.0.6")!, 0)).toBe(true);
    expect(lists.matches("odd", parseIp("192.168.0.8")!, 0)).toBe(false);
    expect(r.menu("/ip/firewall/address-list")!.print({ stats: false, detail: false })[0]).toMatchObject({
      address: "192.168.0.5-192.168.0.7",
    });
    expect(() => r.menu("/ip/firewall/address-list")!.add!({ list: "odd", address: "192.168.0.5-192.168.0.7" })).toThrow(
      "already have such entry",
    );
  });

  it("resolves a DNS name from /ip dns static or the simulator's own table into dynamic children that rules match", () => {
    const r = router(
      [
        "/ip dns static",
        "add address=198.51.100.7 name=vpn.example.net",
        "/ip firewall address-list",
        "add address=vpn.example.net list=direct",
      ].join("\n"),
    );
    const rows = r.menu("/ip/firewall/address-list")!.print({ stats: false, detail: false });
    expect(rows.map((row) => [row.address, row.dynamic, row.comment])).toEqual([
      ["vpn.example.net", "false", undefined],
      ["198.51.100.7", "true", "vpn.example.net"],
    ]);
    expect(r.dataplane.lists.matches("direct", parseIp("198.51.100.7")!, 0)).toBe(true);
    const id = r.menu("/ip/firewall/address-list")!.add!({ list: "direct", address: "downloads.example.org" });
    const children = [...r.dataplane.lists.entries()].filter((e) => e.comment === "downloads.example.org");
    expect(children.length).toBeGreaterThan(0);
    expect(children.every((c) => c.address.startsWith("203.0.113."))).toBe(true);
    r.menu("/ip/firewall/address-list")!.remove!(id);
    expect([...r.dataplane.lists.entries()].filter((e) => e.comment === "downloads.example.org")).toEqual([]);
    expect(r.exportConfig()).toContain("add address=vpn.example.net list=direct");
    expect(r.exportConfig()).not.toContain("198.51.100.7 list");
  });

  it("v7 dynamic=yes entries live in RAM only: not exported, gone after a reboot", () => {
    const r = router("/ip firewall address-list\nadd address=192.168.0.9 dynamic=yes list=odd\nadd address=192.168.0.10 list=odd");
    expect(groundTruth(r).lists.odd).toEqual(["192.168.0.9", "192.168.0.10"]);
    expect(r.exportConfig()).not.toContain("192.168.0.9");
    r.reboot();
    expect(groundTruth(r).lists.odd).toEqual(["192.168.0.10"]);
  });
});
