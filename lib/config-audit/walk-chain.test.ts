import { describe, expect, it } from "vitest";
import { pccExport, SEED_V6 } from "../routeros/fixtures/export-rows";
import { snapshotFromExport } from "./fixtures/snapshots";
import { parseSnapshot } from "./model";
import { sharesByMark, trafficClassOf, walkNewConnection } from "./walk-chain";

const walk = (script: string, visible: string[] = []) => {
  const model = parseSnapshot(snapshotFromExport(script));
  const marks = new Set(model.setup.wans.map((w) => w.connectionMark));
  return walkNewConnection({ rules: model.mangle, traffic: trafficClassOf(model.mangle, marks), visibleLists: new Set(visible) });
};
const shares = (script: string, visible: string[] = []) => Object.fromEntries(sharesByMark(walk(script, visible)));

describe("walkNewConnection", () => {
  it.each([
    ["the seed, client on no list", SEED_V6, [], { odd: 0.5, even: 0.25, "": 0.25 }],
    ["the seed, client on odd", SEED_V6, ["odd"], { odd: 1 }],
    ["the seed, client on both lists: the first list's rules win", SEED_V6, ["odd", "even"], { odd: 1 }],
    ["the seed with nth=1,1 last", SEED_V6.replace("nth=2,2", "nth=1,1"), [], { odd: 0.5, even: 0.5 }],
    ["PCC, three WANs", pccExport(3), [], { wan1: 1 / 3, wan2: 1 / 3, wan3: 1 / 3 }],
    ["PCC, four WANs, client on wan3", pccExport(4), ["wan3"], { wan3: 1 }],
  ])("%s", (_name, script, visible, expected) => {
    const got = shares(script, visible);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [mark, p] of Object.entries(expected)) expect(got[mark]).toBeCloseTo(p, 10);
  });

  it("adds the client to the list of its mark, and says whether that was a per-connection choice", () => {
    const nth = walk(SEED_V6).filter((o) => o.connMark !== "");
    expect(nth.map((o) => [o.connMark, o.addedLists, o.perConnection])).toEqual([
      ["odd", ["odd"], true],
      ["even", ["even"], true],
    ]);
    const pcc = walk(pccExport(3));
    expect(pcc.every((o) => !o.perConnection && o.addedLists.length === 1)).toBe(true);
  });

  it("treats a rule for specific traffic as not matching the bulk, and an exception as matching it", () => {
    const exempt = SEED_V6.replace(
      "/ ip firewall mangle\n",
      "/ ip firewall mangle\nadd chain=prerouting dst-address=10.0.0.0/8 action=accept\nadd chain=prerouting dst-address-type=!local in-interface=Local action=passthrough\n",
    );
    expect(shares(exempt)).toEqual(shares(SEED_V6));
  });

  it("follows jumps and returns", () => {
    const jumped = pccExport(2)
      .replace(
        /add chain=prerouting in-interface=Local connection-state=new per-connection-classifier/g,
        "add chain=classify in-interface=Local connection-state=new per-connection-classifier",
      )
      .replace("/ip firewall mangle\n", "/ip firewall mangle\nadd chain=prerouting in-interface=Local action=jump jump-target=classify\n");
    expect(shares(jumped)).toEqual({ wan1: 0.5, wan2: 0.5 });
  });
});
