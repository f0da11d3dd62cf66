import { describe, expect, it } from "vitest";
import { hrefWith } from "./href";

describe("hrefWith", () => {
  it("keeps other parameters, drops empty ones and defaults, sorts keys", () => {
    expect(
      hrefWith({
        path: "/",
        current: { site: "a b", page: 3, dual: true, q: undefined, status: ["stale", "ok"] },
        changes: { page: 1 },
        defaults: { page: 1 },
      }),
    ).toBe("/?dual=1&site=a+b&status=stale%2Cok");
  });

  it("returns the bare path without parameters", () => {
    expect(hrefWith({ path: "/dual-listed", current: { dual: false, q: "" } })).toBe("/dual-listed");
  });
});
