import { describe, expect, it } from "vitest";
import { parseAddressQuery } from "./address-query";

describe("parseAddressQuery", () => {
  it.each([
    ["192.168.0.23", { kind: "exact", address: "192.168.0.23" }],
    [" 10.0.0.1 ", { kind: "exact", address: "10.0.0.1" }],
    ["10.1.0.0/16", { kind: "cidr", cidr: "10.1.0.0/16" }],
    ["192.168.1.", { kind: "prefix", prefix: "192.168.1." }],
    ["192.168", { kind: "prefix", prefix: "192.168." }],
    ["10", { kind: "prefix", prefix: "10." }],
    ["300.1.1.1", { kind: "none", text: "300.1.1.1" }],
    ["10.0.0.0/33", { kind: "none", text: "10.0.0.0/33" }],
    ["gw-01", { kind: "none", text: "gw-01" }],
    ["'; drop table clients; --", { kind: "none", text: "'; drop table clients; --" }],
  ])("%j → %j", (raw, expected) => expect(parseAddressQuery(raw)).toEqual(expected));
});
