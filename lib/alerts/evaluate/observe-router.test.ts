import { describe, expect, it } from "vitest";
import { observeRouter, type LatestSamples, type RouterFacts } from "./observe-router";
import { RULE_KINDS } from "../rules";
import type { RuleKind } from "../types";

const now = new Date("2026-05-01T10:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const router = (over: Partial<RouterFacts> = {}): RouterFacts => ({
  status: "ok",
  enabled: true,
  pollIntervalSec: 10,
  lastPollAt: now,
  lastAttemptAt: now,
  createdAt: ago(3600),
  lastError: null,
  ...over,
});
const wan = (name: string, over: Partial<LatestSamples["wans"][number]> = {}) => ({
  name,
  interface: `if-${name}`,
  expectedWeight: 1,
  connections: 50,
  rxBps: 500_000,
  txBps: 100_000,
  routeActive: true,
  running: true,
  ...over,
});
const latest = (over: Partial<LatestSamples> = {}): LatestSamples => ({
  ts: now,
  wans: [wan("odd"), wan("even")],
  newConnectionsTotal: 100,
  newConnectionsUnmarked: 25,
  ...over,
});
const all = new Set<RuleKind>(RULE_KINDS);
const valueOf = (obs: ReturnType<typeof observeRouter>, rule: RuleKind, subject = "") =>
  obs.find((o) => o.rule === rule && o.subject === subject)?.value;

describe("observeRouter", () => {
  it("a healthy balanced router: every rule at 0 except the seed's unmarked share", () => {
    const obs = observeRouter({ router: router(), latest: latest(), dualListed: [], tracked: [], rules: all, now });
    expect(valueOf(obs, "router_unreachable")).toBe(0);
    expect(valueOf(obs, "auth_failed")).toBe(0);
    expect(valueOf(obs, "stale")).toBe(0);
    expect(valueOf(obs, "gateway_down", "odd")).toBe(0);
    expect(valueOf(obs, "imbalance", "connections")).toBe(0);
    expect(valueOf(obs, "imbalance", "throughput")).toBe(0);
    expect(valueOf(obs, "unmarked_share")).toBe(0.25);
    expect(obs.find((o) => o.rule === "unmarked_share")?.details?.explanation).toMatch(/nth=2,2/);
  });

  it.each([
    { name: "route inactive", over: { routeActive: false }, message: /default route inactive/ },
    { name: "interface not running", over: { running: false }, message: /interface if-odd not running/ },
  ])("gateway down when the $name", ({ over, message }) => {
    const obs = observeRouter({
      router: router(),
      latest: latest({ wans: [wan("odd", over), wan("even")] }),
      dualListed: [],
      tracked: [],
      rules: all,
      now,
    });
    expect(valueOf(obs, "gateway_down", "odd")).toBe(1);
    expect(obs.find((o) => o.rule === "gateway_down" && o.subject === "odd")?.message).toMatch(message);
  });

  it("imbalance against expected weights, per metric; too little traffic is unknown", () => {
    const obs = observeRouter({
      router: router(),
      latest: latest({
        wans: [wan("odd", { connections: 75, rxBps: 1000, txBps: 0 }), wan("even", { connections: 25, rxBps: 1000, txBps: 0 })],
      }),
      dualListed: [],
      tracked: [],
      rules: all,
      now,
    });
    expect(valueOf(obs, "imbalance", "connections")).toBeCloseTo(0.25);
    expect(valueOf(obs, "imbalance", "throughput")).toBeNull();
    const weighted = observeRouter({
      router: router(),
      latest: latest({ wans: [wan("odd", { connections: 75, expectedWeight: 3 }), wan("even", { connections: 25 })] }),
      dualListed: [],
      tracked: [],
      rules: all,
      now,
    });
    expect(valueOf(weighted, "imbalance", "connections")).toBeCloseTo(0);
  });

  it("a failed poll: status rules say so, data rules cannot tell (null), tracked subjects stay unknown", () => {
    const obs = observeRouter({
      router: router({ status: "unreachable", lastPollAt: ago(30), lastError: "connect ECONNREFUSED" }),
      latest: latest({ ts: ago(30) }),
      dualListed: [],
      tracked: [
        { rule: "gateway_down", subject: "odd" },
        { rule: "dual_listed", subject: "10.0.0.5" },
      ],
      rules: all,
      now,
    });
    expect(valueOf(obs, "router_unreachable")).toBe(1);
    expect(obs.find((o) => o.rule === "router_unreachable")?.message).toContain("ECONNREFUSED");
    expect(valueOf(obs, "gateway_down", "odd")).toBeNull();
    expect(valueOf(obs, "dual_listed", "10.0.0.5")).toBeNull();
    expect(valueOf(obs, "stale")).toBe(0); // the failed attempt was recorded now
  });

  it("dual-listed: one observation per client; a client no longer dual-listed reads 0", () => {
    const obs = observeRouter({
      router: router(),
      latest: latest(),
      dualListed: [{ address: "10.0.0.9", lists: ["odd", "even"], since: ago(5) }],
      tracked: [{ rule: "dual_listed", subject: "10.0.0.5" }],
      rules: all,
      now,
    });
    expect(valueOf(obs, "dual_listed", "10.0.0.9")).toBe(1);
    expect(valueOf(obs, "dual_listed", "10.0.0.5")).toBe(0);
  });

  it("stale counts intervals since the last poll attempt; a never-polled router counts from creation", () => {
    const polled = observeRouter({
      router: router({ lastPollAt: ago(45), lastAttemptAt: ago(45) }),
      latest: null,
      dualListed: [],
      tracked: [],
      rules: new Set(["stale"]),
      now,
    });
    expect(valueOf(polled, "stale")).toBeCloseTo(4.5);
    const never = observeRouter({
      router: router({ status: "unknown", lastPollAt: null, createdAt: ago(20), lastAttemptAt: ago(20) }),
      latest: null,
      dualListed: [],
      tracked: [],
      rules: all,
      now,
    });
    expect(valueOf(never, "stale")).toBeCloseTo(2);
    expect(valueOf(never, "router_unreachable")).toBeNull();
  });
});
