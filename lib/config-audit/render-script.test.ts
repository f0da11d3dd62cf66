import { describe, expect, it } from "vitest";
import { SEED_V6 } from "../routeros/fixtures/export-rows";
import { snapshotFromExport } from "./fixtures/snapshots";
import { applyCommands, PredictError } from "./predict";
import { compareReadBack, sameRules } from "./readback";
import { commandWords, renderScript } from "./render-script";
import type { FixCommand } from "./types";

const commands: FixCommand[] = [
  { op: "set", path: "/ip/firewall/mangle", id: "*B", props: { nth: "1,1" } },
  {
    op: "add",
    path: "/ip/firewall/mangle",
    props: { chain: "prerouting", action: "passthrough", comment: "wanscope x 1" },
    placeBefore: "*8",
  },
  { op: "move", path: "/ip/firewall/mangle", id: "*4", destination: "*6" },
  { op: "remove", path: "/ip/firewall/mangle", id: "*5" },
  { op: "unset", path: "/ip/route", id: "*10", prop: "check-gateway" },
  { op: "add", path: "/routing/table", props: { name: "odd", fib: "" } },
  { op: "disable", path: "/ip/firewall/nat", id: "*E" },
];

describe("renderScript and commandWords", () => {
  it("writes one menu header per run of commands, quotes where RouterOS needs it, place-before last", () => {
    expect(renderScript(commands)).toBe(
      [
        "/ip firewall mangle",
        "set *B nth=1,1",
        'add chain=prerouting action=passthrough comment="wanscope x 1" place-before=*8',
        "move *4 destination=*6",
        "remove *5",
        "/ip route",
        "unset *10 value-name=check-gateway",
        "/routing table",
        "add name=odd fib",
        "/ip firewall nat",
        "disable *E",
      ].join("\n"),
    );
  });

  it.each([
    [commands[0]!, ["/ip/firewall/mangle/set", "=.id=*B", "=nth=1,1"]],
    [commands[1]!, ["/ip/firewall/mangle/add", "=chain=prerouting", "=action=passthrough", "=comment=wanscope x 1", "=place-before=*8"]],
    [commands[2]!, ["/ip/firewall/mangle/move", "=numbers=*4", "=destination=*6"]],
    [commands[4]!, ["/ip/route/unset", "=numbers=*10", "=value-name=check-gateway"]],
    [commands[6]!, ["/ip/firewall/nat/disable", "=numbers=*E"]],
  ])("%j → API words", (command, words) => {
    expect(commandWords(command)).toEqual(words);
  });
});

describe("applyCommands and the read-back", () => {
  const before = snapshotFromExport(SEED_V6);
  const mangleOnly = commands.slice(0, 4);

  it("predicts order, values and new ids", () => {
    const { snapshot, addedIds } = applyCommands({ snapshot: before, commands: mangleOnly });
    expect(addedIds).toEqual(["*E"]); // the next id after the menu's highest (*D)
    const ids = snapshot.mangle.map((r) => r[".id"]);
    expect(ids).not.toContain("*5");
    expect(ids.indexOf("*4")).toBe(ids.indexOf("*6") - 1);
    expect(ids.indexOf("*E")).toBe(ids.indexOf("*8") - 1);
    expect(snapshot.mangle.find((r) => r[".id"] === "*B")!.nth).toBe("1,1");
  });

  it("refuses a command on a row that is not there", () => {
    expect(() => applyCommands({ snapshot: before, commands: [{ op: "remove", path: "/ip/firewall/mangle", id: "*FF" }] })).toThrow(
      PredictError,
    );
  });

  it("accepts a read-back equal to the prediction (router defaults on added rows aside) and names any difference", () => {
    const { snapshot } = applyCommands({ snapshot: before, commands: mangleOnly, addedIds: ["*20"] });
    const routerPrinted = {
      ...snapshot,
      mangle: snapshot.mangle.map((r) => (r[".id"] === "*20" ? { ...r, disabled: "false", log: "false", "log-prefix": "" } : r)),
    };
    expect(compareReadBack({ before, after: routerPrinted, commands: mangleOnly, addedIds: ["*20"] })).toEqual({ ok: true, problems: [] });
    const drifted = { ...routerPrinted, mangle: routerPrinted.mangle.map((r) => (r[".id"] === "*B" ? { ...r, nth: "2,2" } : r)) };
    expect(compareReadBack({ before, after: drifted, commands: mangleOnly, addedIds: ["*20"] }).problems).toEqual([
      "/ip/firewall/mangle *B: nth=2,2 (expected 1,1)",
    ]);
    expect(sameRules(before, before)).toEqual([]);
  });
});
