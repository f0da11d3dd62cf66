import { describe, expect, it } from "vitest";
import { open, testRouter } from "../../testing/test-router";

const opts = { stats: false, detail: false };

// Rows are cached per entry; these check that every change still shows in the next print.
describe("address-list row cache", () => {
  it("shows refreshed timeouts, edits, additions and removals", () => {
    const router = testRouter();
    const menu = router.menu("/ip/firewall/address-list")!;
    open(router, "192.168.0.10");
    router.clock.advance(9_000);
    expect(menu.print(opts)).toMatchObject([{ address: "192.168.0.10", timeout: "23h59m51s" }]);
    // a rule matching the listed client again refreshes its timeout (the seed's rules stop before that)
    const now = router.clock.now();
    router.dataplane.lists.addFromRule({ list: "odd", address: 0xc0a8000a, timeoutMs: 86_400_000, now, visibleAt: now });
    router.clock.advance(1_000);
    expect(menu.print(opts)).toMatchObject([{ timeout: "23h59m59s" }]);
    const [{ ".id": id }] = menu.print(opts) as [{ ".id": string }];
    menu.set!(id, { comment: "vip", disabled: "yes" });
    expect(menu.print(opts)).toMatchObject([{ comment: "vip", disabled: "true" }]);
    menu.set!(id, { timeout: "" });
    expect(menu.print(opts)[0]).not.toHaveProperty("timeout");
    const added = menu.add!({ list: "even", address: "10.0.0.1" });
    expect(menu.print(opts).map((row) => row[".id"])).toEqual([id, added]);
    menu.remove!(id);
    expect(menu.print(opts)).toMatchObject([{ ".id": added, list: "even", address: "10.0.0.1" }]);
  });

  it("drops rule-added entries on reboot and re-creates their rows", () => {
    const router = testRouter();
    const menu = router.menu("/ip/firewall/address-list")!;
    open(router, "192.168.0.10");
    expect(menu.print(opts)).toHaveLength(1);
    router.reboot();
    expect(menu.print(opts)).toEqual([]);
    open(router, "192.168.0.11");
    expect(menu.print(opts)).toMatchObject([{ address: "192.168.0.11" }]);
  });
});
