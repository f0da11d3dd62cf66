import { describe, expect, it } from "vitest";
import { groundTruth } from "../model/ground-truth";
import { SimRouter } from "../model/router";
import { exportText, open } from "../testing/test-router";
import { SimClock } from "./clock";

function router(mangle: string[]): SimRouter {
  const seed = exportText("seed-nth.rsc");
  const script =
    seed.slice(0, seed.indexOf("/ ip firewall mangle")) +
    "/ip firewall mangle\n" +
    mangle.join("\n") +
    "\n" +
    seed.slice(seed.indexOf("/ ip firewall nat"));
  return new SimRouter({
    name: "t",
    version: "6.49",
    script,
    clock: new SimClock(),
    epochMs: 0,
    timeScale: 1,
    listVisibilityDelayMs: 0,
    user: "u",
    password: "p",
  });
}

describe("user chains", () => {
  it("jump runs the target chain, return comes back after the jump, accept there ends the built-in chain", () => {
    const r = router([
      "add action=jump chain=prerouting in-interface=Local jump-target=classify",
      "add action=mark-connection chain=prerouting new-connection-mark=after-return passthrough=yes",
      "add action=return chain=classify src-address=192.168.0.10",
      "add action=mark-connection chain=classify new-connection-mark=classified passthrough=yes",
      "add action=accept chain=classify",
    ]);
    expect(open(r, "192.168.0.10").mark).toBe("after-return");
    expect(open(r, "192.168.0.11").mark).toBe("classified");
    expect(groundTruth(r).firewall.mangle.map((m) => m.packets)).toEqual([2, 1, 1, 1, 1]);
  });

  it("an nth split inside a user chain sends the skipped packets on below it, and back to the caller", () => {
    const r = router([
      "add action=jump chain=prerouting jump-target=split",
      "add action=mark-connection chain=prerouting connection-mark=no-mark new-connection-mark=rest passthrough=yes",
      "add action=mark-connection chain=split new-connection-mark=half nth=2,1 passthrough=no",
    ]);
    const marks = Array.from({ length: 10 }, (_, i) => open(r, 0xc0a80102 + i).mark);
    expect(marks.filter((m) => m === "half")).toHaveLength(5);
    expect(marks.filter((m) => m === "rest")).toHaveLength(5);
  });
});
