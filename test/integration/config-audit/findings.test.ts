import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditRouter } from "../../../lib/config-audit/audit-router";
import { findingKey } from "../../../lib/config-audit";
import { disconnectDb, getDb } from "../../../lib/db";
import { pccExport } from "../../../lib/routeros/fixtures/export-rows";
import { Fleet } from "../../../sim/fleet";
import { integrationServices } from "../../support/integration-context";
import { addSimRouter, makePoller } from "../../support/poller-harness";
import { TEST_SECRET_KEY } from "../../support/worker-process";
import { runWanscopeCli } from "../../support/run-cli";

// The audit against the simulator, which executes each router's own rules: WANscope polls it (the poll
// reads the configuration too), and the findings quote what was measured.
const services = integrationServices();
const prefix = `cfa-${services.queuePrefix}`;
const exportOf = (file: string) => readFileSync(`sim/exports/${file}`, "utf8");

const ROUTERS = [
  { name: "seed", version: "6.49" as const, script: undefined },
  { name: "seed-v7", version: "7.19" as const, script: undefined },
  { name: "remedy", version: "6.49" as const, script: exportOf("seed-nth-fixed.rsc") },
  { name: "pcc3", version: "6.49" as const, script: exportOf("pcc-3wan.rsc") },
  { name: "pcc4", version: "6.49" as const, script: pccExport(4) },
];

let fleet: Fleet;
const ids: Record<string, number> = {};
const poller = makePoller(getDb());
let t = Date.UTC(2026, 11, 1, 9, 0, 0);

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 16,
    routers: ROUTERS.map((r) => ({ ...r, clients: 120, mix: { browser: 1 }, listVisibilityDelayMs: 40 })),
    serve: { basePort: 0 },
  });
  for (const r of ROUTERS) ids[r.name] = await addSimRouter({ db: getDb(), fleet, name: r.name, prefix });
  // Ten minutes of traffic polled every 10 s: enough new connections for the split, and the race's victims.
  for (let i = 0; i < 60; i++) {
    fleet.advance(10_000);
    t += 10_000;
    for (const r of ROUTERS) expect((await poller.poll(ids[r.name]!, new Date(t))).kind).toBe("stored");
  }
}, 240_000);

afterAll(async () => {
  await poller.sessions.closeAll();
  await fleet?.close();
  await getDb().router.deleteMany({ where: { name: { startsWith: prefix } } });
  await disconnectDb();
});

const audit = async (name: string) => {
  const result = await auditRouter({ db: getDb(), routerId: ids[name]!, now: new Date(t) });
  expect(result, `${name} has a stored configuration`).not.toBeNull();
  return result!;
};

describe("findings on the simulator", () => {
  it.each([
    ["seed", ["nth-skew", "dual-listing-risk", "route-no-check-gateway", "route-no-fallback"]],
    ["seed-v7", ["nth-skew", "dual-listing-risk", "route-no-check-gateway", "route-no-fallback"]],
    ["remedy", ["nth-skew", "dual-listing-risk", "route-no-check-gateway", "route-no-fallback"]],
    ["pcc3", []],
    ["pcc4", []],
  ])("%s", async (name, expected) => {
    const { report } = await audit(name);
    expect(report.findings.map(findingKey)).toEqual(expected);
  });

  it("quotes the measured 50/25/25 split for the seed's nth skew", async () => {
    const { report, evidence } = await audit("seed");
    const split = evidence.split!;
    expect(split.total).toBeGreaterThan(100);
    const share = (n: number) => n / split.total;
    expect(share(split.perWan.find((w) => w.wan === "odd")!.count)).toBeCloseTo(0.5, 1);
    expect(share(split.perWan.find((w) => w.wan === "even")!.count)).toBeCloseTo(0.25, 1);
    expect(share(split.unmarked)).toBeCloseTo(0.25, 1);
    const nth = report.findings.find((f) => f.code === "nth-skew")!;
    expect(nth.rules.map((r) => r.id)).toEqual(["*5", "*8"]);
    expect(nth.evidence[1]!.value).toMatch(
      /^odd 5\d(\.\d)?%, even 2\d(\.\d)?%, unmarked 2\d(\.\d)?% of [\d,]+ new connections over the last 60 min/,
    );
  });

  it("quotes the clients the race dual-listed, with and without the !other remedy, equal to the ground truth", async () => {
    for (const name of ["seed", "remedy"]) {
      const { report, evidence } = await audit(name);
      const truth = fleet.truth(name).multiListed.length;
      expect(truth, `${name}: the simulator dual-listed clients`).toBeGreaterThan(0);
      expect(evidence.dualListed?.now).toBe(truth);
      const risk = report.findings.find((f) => f.code === "dual-listing-risk")!;
      expect(risk.severity).toBe("critical");
      expect(risk.evidence[0]!.value).toMatch(new RegExp(`^${truth} now, \\d+ became dual-listed in the last 24 h`));
    }
  });

  it("names the routes without check-gateway by their ids on v6 and v7", async () => {
    for (const name of ["seed", "seed-v7"]) {
      const { report } = await audit(name);
      const finding = report.findings.find((f) => f.code === "route-no-check-gateway")!;
      const truth = fleet.truth(name).routes.filter((r) => r.dst === "0.0.0.0/0");
      expect(finding.rules.map((r) => r.id).sort()).toEqual(truth.map((r) => r.id).sort());
    }
  });
});

describe("npm run wanscope -- router audit", () => {
  const cli = (args: string[]) => runWanscopeCli(args, { WANSCOPE_SECRET_KEY: TEST_SECRET_KEY.toString("base64") });

  it("prints the router's findings with their rules, evidence and fix scripts", async () => {
    const result = await cli(["router", "audit", `${prefix}-seed`]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const { report } = await audit("seed");
    const text = result.stdout;
    expect(text).toMatch(/^cfa-.*-seed: RouterOS 6\.49\.\d+ .*, nth balancing over odd, even/);
    expect(text).toContain(`${report.findings.length} findings:`);
    for (const f of report.findings) expect(text).toContain(`[${f.severity}] ${f.code}`);
    expect(text).toContain("rule #7 (*8): ");
    expect(text).toContain("     | set *8 nth=1,1");
    // The CLI audits as of the wall clock, after this test's simulated hour: the dual-listed clients are still current.
    expect(text).toMatch(/measured · Clients dual-listed: [1-9]\d* now/);
  });

  it("reads the router again with --refresh, and answers JSON with --json", async () => {
    const result = await cli(["router", "audit", `${prefix}-pcc3`, "--refresh", "--json"]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: unknown[]; classifierKind: string; wans: { name: string }[] };
    expect(report.findings).toEqual([]);
    expect(report.classifierKind).toBe("pcc");
    expect(report.wans.map((w) => w.name)).toEqual(["wan1", "wan2", "wan3"]);
  });
});
