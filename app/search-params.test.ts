import { describe, expect, it } from "vitest";
import { fleetParamsSchema, listParamsSchema, parseSearchParams, routerIdSchema, routerParamsSchema } from "./search-params";

describe("fleet params", () => {
  it("fills defaults for an empty query string", () => {
    expect(parseSearchParams(fleetParamsSchema, {})).toEqual({
      ok: true,
      data: {
        q: undefined,
        status: [],
        site: undefined,
        tag: undefined,
        imbalanced: false,
        dual: false,
        sort: "status",
        dir: undefined,
        page: 1,
        size: 25,
      },
    });
  });

  it("reads statuses as a comma list, flags, sort and paging; repeated keys keep the first", () => {
    const parsed = parseSearchParams(fleetParamsSchema, {
      status: "unreachable,stale",
      dual: "1",
      sort: "imbalance",
      dir: "desc",
      page: ["3", "9"],
      size: "100",
      q: "  gw-1 ",
    });
    expect(parsed.ok && parsed.data).toMatchObject({
      status: ["unreachable", "stale"],
      dual: true,
      sort: "imbalance",
      dir: "desc",
      page: 3,
      size: 100,
      q: "gw-1",
    });
  });

  it("names every bad parameter", () => {
    const parsed = parseSearchParams(fleetParamsSchema, { status: "broken", page: "zero", size: "7", sort: "x" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.split(":")[0])).toEqual(expect.arrayContaining(["status.0", "page", "size", "sort"]));
    expect(parsed.issues.join("\n")).toContain("unreachable");
  });
});

describe("router params", () => {
  it("defaults to the last hour and the first page of clients", () => {
    const parsed = parseSearchParams(routerParamsSchema, {});
    expect(parsed.ok && parsed.data).toMatchObject({ range: "1h", csort: "address", cpage: 1, cdual: false });
  });

  it("rejects an unknown range with the allowed ones", () => {
    const parsed = parseSearchParams(routerParamsSchema, { range: "2y" });
    expect(parsed).toEqual({ ok: false, issues: ["range: use 1h, 24h, 7d, 30d"] });
  });

  it("rejects router ids that are not positive integers", () => {
    expect(routerIdSchema.safeParse("12").data).toBe(12);
    expect(routerIdSchema.safeParse("abc").success).toBe(false);
    expect(routerIdSchema.safeParse("-1").success).toBe(false);
    expect(routerIdSchema.safeParse("1.5").success).toBe(false);
  });

  it("caps search text", () => {
    expect(parseSearchParams(listParamsSchema, { q: "x".repeat(101) }).ok).toBe(false);
  });
});
