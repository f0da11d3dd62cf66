import { describe, expect, it } from "vitest";
import { parseRequest, proplistOf, splitCommand } from "./parse-request";

describe("parseRequest", () => {
  it("reads attributes, empty values, tag anywhere, api attributes and queries", () => {
    const request = parseRequest([
      "/ip/firewall/address-list/print",
      ".tag=7",
      "=count-only=",
      "=detail",
      "=comment=a=b",
      ".proplist=address,list",
      "?list=odd",
      "?#|",
      "stray",
    ]);
    expect(request.command).toBe("/ip/firewall/address-list/print");
    expect(request.tag).toBe("7");
    expect(request.attributes).toEqual({ "count-only": "", detail: "", comment: "a=b" });
    expect(request.apiAttributes).toEqual({ proplist: "address,list" });
    expect(request.queries).toEqual(["list=odd", "#|"]);
    expect(request.unknownWords).toEqual(["stray"]);
    expect(proplistOf(request)).toEqual(["address", "list"]);
  });

  it("accepts =.proplist= and =.id=", () => {
    const request = parseRequest(["/x/print", "=.proplist=.id,name", "=.id=*1,*2"]);
    expect(proplistOf(request)).toEqual([".id", "name"]);
    expect(request.attributes[".id"]).toBe("*1,*2");
  });

  it("splits command into menu path and verb", () => {
    expect(splitCommand("/ip/firewall/address-list/print")).toEqual({ path: "/ip/firewall/address-list", verb: "print" });
    expect(splitCommand("/quit")).toEqual({ path: "", verb: "quit" });
  });
});
