import { describe, expect, it } from "vitest";
import { wanListsOf } from "./wan-lists";

describe("wanListsOf", () => {
  it.each([
    { wans: [], lists: [] },
    { wans: [{ addressList: "odd" }, { addressList: "even" }], lists: ["odd", "even"] },
    { wans: [{ addressList: null }, { addressList: "even" }, { addressList: "" }], lists: ["even"] },
    { wans: [{ addressList: "a" }, { addressList: "b" }, { addressList: "a" }], lists: ["a", "b"] },
  ])("$lists from $wans", ({ wans, lists }) => {
    expect(wanListsOf(wans)).toEqual(lists);
  });
});
