import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pccExport, SEED_V6, SEED_V7 } from "../routeros/fixtures/export-rows";
import { emptyEvidence, type AuditEvidence } from "./evidence";
import { snapshotFromExport } from "./fixtures/snapshots";
import { applyCommands } from "./predict";
import { auditSnapshot, previewFix } from "./run-audit";
import type { ConfigSnapshot } from "./snapshot";
import { findingKey, type FindingCode } from "./types";

const evidence = emptyEvidence({ now: new Date("2026-12-01T12:00:00Z") });
const simExport = (name: string) => readFileSync(new URL(`../../sim/exports/${name}`, import.meta.url), "utf8");

const withoutLines = (script: string, ...patterns: RegExp[]) =>
  script
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => !patterns.some((p) => p.test(line)))
    .join("\n");

const codes = (snapshot: ConfigSnapshot, ev: AuditEvidence = evidence) =>
  auditSnapshot({ snapshot, evidence: ev }).findings.map((f) => `${f.severity} ${findingKey(f)}`);

const pccNoLists = (n: number) => withoutLines(pccExport(n), /src-address-list=wan\d/);
const correctedWeights: AuditEvidence = {
  ...evidence,
  wans: [
    { name: "wan1", expectedWeight: 0.5, corrected: true, gateway: null, connections: 10 },
    { name: "wan2", expectedWeight: 0.25, corrected: true, gateway: null, connections: 10 },
    { name: "wan3", expectedWeight: 0.25, corrected: true, gateway: null, connections: 10 },
  ],
};

// Each configuration and the findings the audit must give it (severity and key), in the order it lists them.
const CASES: { name: string; snapshot: ConfigSnapshot; ev?: AuditEvidence; expected: string[] }[] = [
  {
    name: "the seed recipe (v6)",
    snapshot: snapshotFromExport(SEED_V6),
    expected: ["critical nth-skew", "warning dual-listing-risk", "warning route-no-check-gateway", "warning route-no-fallback"],
  },
  {
    name: "the seed recipe (v7)",
    snapshot: snapshotFromExport(SEED_V7),
    expected: ["critical nth-skew", "warning dual-listing-risk", "warning route-no-check-gateway", "warning route-no-fallback"],
  },
  {
    name: "the seed with its !other remedy",
    snapshot: snapshotFromExport(simExport("seed-nth-fixed.rsc")),
    expected: ["critical nth-skew", "warning dual-listing-risk", "warning route-no-check-gateway", "warning route-no-fallback"],
  },
  { name: "PCC, three WANs", snapshot: snapshotFromExport(pccExport(3)), expected: [] },
  { name: "PCC, four WANs", snapshot: snapshotFromExport(pccExport(4)), expected: [] },
  { name: "the simulator's PCC export", snapshot: snapshotFromExport(simExport("pcc-3wan.rsc")), expected: [] },
  {
    name: "a routing mark with no route",
    snapshot: snapshotFromExport(withoutLines(SEED_V6, /gateway=10\.111\.0\.1 .*routing-mark=odd/)),
    expected: ["critical nth-skew", "critical mark-without-route:odd", "warning dual-listing-risk", "warning route-no-check-gateway"],
  },
  {
    name: "a v7 routing table that does not exist",
    snapshot: snapshotFromExport(withoutLines(SEED_V7, /^add name=even fib/), { routing: "v7" }),
    expected: [
      "critical nth-skew",
      "critical mark-without-route:even",
      "warning dual-listing-risk",
      "warning route-no-check-gateway",
      "warning route-no-fallback",
    ],
  },
  {
    name: "a WAN without masquerade",
    snapshot: snapshotFromExport(withoutLines(pccExport(3), /out-interface=wan2 action=masquerade/)),
    expected: ["critical wan-without-srcnat:wan2"],
  },
  {
    name: "a list timeout shorter than the poll interval",
    snapshot: snapshotFromExport(
      pccExport(3).replace("address-list=wan2 address-list-timeout=1d", "address-list=wan2 address-list-timeout=5s"),
    ),
    expected: ["warning list-timeout"],
  },
  {
    name: "lists that never expire and one of 30 days",
    snapshot: snapshotFromExport(
      pccExport(3)
        .replace("address-list=wan1 address-list-timeout=1d", "address-list=wan1 address-list-timeout=30d")
        .replace("address-list=wan3 address-list-timeout=1d", "address-list=wan3 address-list-timeout=none-static"),
    ),
    expected: ["warning list-timeout"],
  },
  {
    name: "a duplicated mark-routing rule",
    snapshot: snapshotFromExport(
      pccExport(3).replace(
        /(add chain=prerouting in-interface=Local connection-mark=wan1 action=mark-routing new-routing-mark=wan1 passthrough=no)/,
        "$1\n$1",
      ),
    ),
    expected: ["warning shadowed-rule:*12"],
  },
  {
    name: "PCC without list rules and pinned clients",
    snapshot: snapshotFromExport(pccNoLists(3), { pinned: [{ list: "wan2", address: "192.168.0.20", disabled: false }] }),
    expected: ["warning pinned-not-honoured:wan2", "info list-not-honoured:wan1", "info list-not-honoured:wan3"],
  },
  {
    name: "nth without list rules",
    snapshot: snapshotFromExport(withoutLines(SEED_V6, /src-address-list=(odd|even) /)),
    expected: [
      "critical nth-skew",
      "critical list-not-honoured:odd",
      "critical list-not-honoured:even",
      "warning dual-listing-risk",
      "warning route-no-check-gateway",
      "warning route-no-fallback",
    ],
  },
  {
    name: "PCC with a remainder given twice",
    snapshot: snapshotFromExport(pccExport(3).replace("src-address:3/2", "src-address:3/1")),
    expected: ["critical pcc-coverage"],
  },
  {
    name: "expected weights an operator set to 2:1:1 over an even PCC",
    snapshot: snapshotFromExport(pccExport(3)),
    ev: correctedWeights,
    expected: ["warning weights-mismatch"],
  },
];

describe("auditSnapshot", () => {
  it.each(CASES)("$name", ({ snapshot, ev, expected }) => {
    expect(codes(snapshot, ev)).toEqual(expected);
  });

  it.each(CASES.filter((c) => c.expected.length > 0))("every fix of $name removes its finding and adds none", ({ snapshot, ev }) => {
    const report = auditSnapshot({ snapshot, evidence: ev ?? evidence });
    for (const finding of report.findings) {
      for (const fix of finding.fixes) {
        const preview = previewFix({
          snapshot,
          evidence: ev ?? evidence,
          report,
          ref: { code: finding.code, subject: finding.subject, option: fix.id },
        });
        expect(preview?.removes, `${findingKey(finding)} / ${fix.id}`).toContain(findingKey(finding));
        expect(preview?.introduces, `${findingKey(finding)} / ${fix.id}`).toEqual([]);
        const named = new Set(fix.touches.map((t) => t.id));
        for (const command of fix.commands)
          if (command.op !== "add") expect(named.has(command.id), `${fix.id} names ${command.id}`).toBe(true);
      }
    }
  });

  it.each([
    ["v6", SEED_V6],
    ["v7", SEED_V7],
  ])("fixing the seed (%s) finding by finding leaves no finding at all", (_name, script) => {
    let snapshot = snapshotFromExport(script);
    for (let round = 0; round < 10; round++) {
      const report = auditSnapshot({ snapshot, evidence });
      const finding = report.findings.find((f) => f.fixes.length > 0);
      if (!finding) break;
      // Prefer the PCC conversion where offered: it is the one that also removes the race.
      const fix = finding.fixes.find((f) => f.id === "convert-pcc") ?? finding.fixes[0]!;
      snapshot = applyCommands({ snapshot, commands: fix.commands }).snapshot;
    }
    expect(codes(snapshot)).toEqual([]);
  });
});

describe("the seed's findings", () => {
  const snapshot = snapshotFromExport(SEED_V6);
  const report = auditSnapshot({ snapshot, evidence });
  const find = (code: FindingCode) => report.findings.find((f) => f.code === code)!;

  it("names the nth rules by id and position and gives the 50/25/25 the rules produce", () => {
    const nth = find("nth-skew");
    expect(nth.rules.map((r) => `#${r.position} ${r.id}`)).toEqual(["#4 *8", "#7 *B"]);
    expect(nth.evidence[0]).toEqual({
      label: "Split of new connections the rules give",
      value: "odd 50%, even 25%, unmarked 25%",
      measured: false,
    });
    expect(nth.explanation.join(" ")).toContain("The remaining 25% get no connection mark");
  });

  it("fixes the skew by making the second nth rule take everything it sees", () => {
    const fix = find("nth-skew").fixes.find((f) => f.id === "minimal")!;
    expect(fix.commands).toEqual([{ op: "set", path: "/ip/firewall/mangle", id: "*B", props: { nth: "1,1" } }]);
    expect(fix.expectation.checks).toEqual([
      { kind: "share", wan: "odd", target: 0.5, tolerance: 0.02 },
      { kind: "share", wan: "even", target: 0.5, tolerance: 0.02 },
      { kind: "unmarked", max: 0.01 },
    ]);
  });

  it("converts to PCC in place, keeping the list rules above", () => {
    const preview = previewFix({ snapshot, evidence, report, ref: { code: "dual-listing-risk", subject: "", option: "convert-pcc" } })!;
    expect(preview.script.split("\n")).toEqual([
      "/ip firewall mangle",
      expect.stringMatching(
        /^add chain=prerouting in-interface=Local connection-state=new action=mark-connection new-connection-mark=odd passthrough=yes per-connection-classifier=src-address:2\/0 comment="wanscope dual-listing-risk\/convert-pcc [0-9a-f]{8}" place-before=\*8$/,
      ),
      expect.stringMatching(/new-connection-mark=even .*src-address:2\/1 .*place-before=\*B$/),
      "remove *8",
      "remove *B",
    ]);
    const order = preview.predicted.mangle.map((r) => r["per-connection-classifier"] ?? r["src-address-list"] ?? r.action);
    expect(order.slice(0, 5)).toEqual(["odd", "odd", "even", "even", "src-address:2/0"]);
  });

  it("puts the race at 25% of racing pairs with nth=2,1/2,2 and 50% once the skew is fixed", () => {
    expect(find("dual-listing-risk").evidence[1]!.value).toBe("25%");
    const fixed = applyCommands({ snapshot, commands: find("nth-skew").fixes[0]!.commands }).snapshot;
    const again = auditSnapshot({ snapshot: fixed, evidence }).findings.find((f) => f.code === "dual-listing-risk")!;
    expect(again.evidence[1]!.value).toBe("50%");
  });

  it("says the !other remedy leaves the race", () => {
    const remedy = auditSnapshot({ snapshot: snapshotFromExport(simExport("seed-nth-fixed.rsc")), evidence });
    const risk = remedy.findings.find((f) => f.code === "dual-listing-risk")!;
    expect(risk.evidence[2]!.value).toBe("on all 2");
    expect(risk.explanation.join(" ")).toMatch(/remedy, .* is in place.*the race stays/);
  });

  it("quotes the measured split and dual-listed clients when there are some", () => {
    const measured: AuditEvidence = {
      ...evidence,
      split: {
        from: new Date("2026-12-01T11:00:00Z"),
        to: new Date("2026-12-01T12:00:00Z"),
        total: 4000,
        perWan: [
          { wan: "odd", count: 2012 },
          { wan: "even", count: 994 },
        ],
        unmarked: 994,
        polls: 360,
      },
      dualListed: { now: 12, last24h: 31, examples: ["192.168.0.7"] },
    };
    const r = auditSnapshot({ snapshot, evidence: measured });
    expect(r.findings.find((f) => f.code === "nth-skew")!.evidence[1]!.value).toBe(
      "odd 50.3%, even 24.9%, unmarked 24.9% of 4,000 new connections over the last 60 min (360 polls)",
    );
    const risk = r.findings.find((f) => f.code === "dual-listing-risk")!;
    expect(risk.severity).toBe("critical");
    expect(risk.evidence[0]!.value).toBe("12 now, 31 became dual-listed in the last 24 h (e.g. 192.168.0.7)");
  });

  it("adds check-gateway to the marked and main routes and a fallback via the other gateway", () => {
    expect(
      find("route-no-check-gateway").fixes[0]!.commands.map((c) => (c.op === "set" ? `${c.id} ${JSON.stringify(c.props)}` : c.op)),
    ).toEqual(['*10 {"check-gateway":"ping"}', '*11 {"check-gateway":"ping"}', '*12 {"check-gateway":"ping"}']);
    const fallback = find("route-no-fallback").fixes[0]!.commands[0]!;
    expect(fallback).toMatchObject({
      op: "add",
      path: "/ip/route",
      props: { gateway: "10.111.0.1", distance: "2", "check-gateway": "ping" },
    });
  });
});

describe("weights", () => {
  it("offers PCC over four remainders for 2:1:1", () => {
    const report = auditSnapshot({ snapshot: snapshotFromExport(pccExport(3)), evidence: correctedWeights });
    const fix = report.findings[0]!.fixes[0]!;
    const pcc = fix.commands.flatMap((c) =>
      c.op === "add" ? [`${c.props["new-connection-mark"]} ${c.props["per-connection-classifier"]}`] : [],
    );
    expect(pcc).toEqual(["wan1 src-address:4/0", "wan1 src-address:4/1", "wan2 src-address:4/2", "wan3 src-address:4/3"]);
  });
});
