import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile-query";
import type { Row } from "./router-api";

const rows: Row[] = [
  { ".id": "*1", name: "ether1", type: "ether", mtu: "1500", comment: "uplink", gw: "10.0.0.100" },
  { ".id": "*2", name: "vlan10", type: "vlan", mtu: "1496", gw: "10.0.0.9" },
  { ".id": "*3", name: "wlan1", type: "wlan", mtu: "1500", comment: "" },
  { ".id": "*4", name: "bridge", type: "bridge", mtu: "9000", comment: "lan" },
];

const ids = (words: string[]): string[] => {
  const filter = compileQuery(words);
  return rows.filter((row) => (filter ? filter(row) : true)).map((row) => row[".id"] as string);
};

describe("compileQuery (RouterOS stack semantics)", () => {
  it.each<[string, string[], string[]]>([
    ["no query matches all", [], ["*1", "*2", "*3", "*4"]],
    ["?k=v", ["type=ether"], ["*1"]],
    ["?=k=v", ["=type=vlan"], ["*2"]],
    ["?k has a value", ["comment"], ["*1", "*4"]],
    ["?-k lacks a value", ["-comment"], ["*2", "*3"]],
    ["?k= matches unset or empty", ["comment="], ["*2", "*3"]],
    ["?<k=v numeric", ["<mtu=1500"], ["*2"]],
    ["?>k=v numeric", [">mtu=1500"], ["*4"]],
    ["?<k=v compares addresses as addresses", ["<gw=10.0.0.10"], ["*2"]],
    ["several words are a conjunction", ["mtu=1500", "comment"], ["*1"]],
    ["?# | or", ["type=ether", "type=vlan", "#|"], ["*1", "*2"]],
    ["?# |! neither", ["type=ether", "type=vlan", "#|!"], ["*3", "*4"]],
    ["?# & and", ["mtu=1500", "type=wlan", "#&"], ["*3"]],
    ["several operators in one word", ["type=ether", "type=vlan", "type=wlan", "#||"], ["*1", "*2", "*3"]],
    ["?# ! negates the top only", ["mtu=1500", "type=ether", "#!"], ["*3"]],
    ["index at end replaces the stack", ["type=ether", "type=vlan", "#1"], ["*1"]],
    ["index followed by op pushes a copy", ["type=ether", "mtu=1500", "#1&"], ["*1"]],
    ["'.' after an index does nothing", ["type=vlan", "#0.|"], ["*2"]],
    ["'.' after an op duplicates the top", ["type=ether", "type=vlan", "#|.&"], ["*1", "*2"]],
    ["list=odd list=even #| from the notes", ["name=ether1", "name=bridge", "#|"], ["*1", "*4"]],
    ["operators on an empty stack read false", ["#|"], []],
  ])("%s", (_label, words, expected) => {
    expect(ids(words)).toEqual(expected);
  });

  it("rejects an unknown operator", () => {
    expect(() => compileQuery(["#x"])).toThrow("invalid query operation x");
  });
});
