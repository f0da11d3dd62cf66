import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { MetricsRouter } from "../queries/metrics-snapshot";
import { buildMetricsRegistry, type MetricsInput } from "./render-metrics";
import { lagBucket, LAG_BUCKETS_SEC } from "./poll-counters";

const now = new Date("2026-12-03T12:00:00Z");

const router = (over: Partial<MetricsRouter> = {}): MetricsRouter => ({
  id: 7,
  name: 'gw "north"\\1',
  site: "hq",
  enabled: true,
  status: "ok",
  rosVersion: "7.19",
  identity: "north",
  balancingMethod: "nth",
  pollIntervalSec: 10,
  lastPollAt: new Date(now.getTime() - 4000),
  sample: {
    cpuLoad: 12,
    uptimeSec: 3600,
    connectionsTotal: 100,
    connectionsUnmarked: 20,
    clients: 40,
    dualListed: 2,
    listCounts: [{ list: "odd", clients: 25 }],
    pollMs: 85,
  },
  counters: { interfaces: { ether1: { rx: 1_000_000, tx: 200_000 } }, rules: { "r-odd": 600, "r-even": 300 } },
  wans: [
    {
      id: 1,
      name: "odd",
      interface: "ether1",
      addressList: "odd",
      connectionMark: "odd",
      routing: "to_odd",
      gateway: "10.0.0.1",
      expectedWeight: 1,
      classifierRuleIds: ["r-odd"],
      latest: { wanId: 1, at: now, rxBps: 1, txBps: 1, connections: 60, newConnections: 3, routeActive: true, running: true },
    },
    {
      id: 2,
      name: "even",
      interface: "ether2",
      addressList: "even",
      connectionMark: "even",
      routing: "to_even",
      gateway: null,
      expectedWeight: 1,
      classifierRuleIds: ["r-even"],
      latest: { wanId: 2, at: now, rxBps: 1, txBps: 1, connections: 20, newConnections: 1, routeActive: false, running: true },
    },
  ],
  ...over,
});

const input = (over: Partial<MetricsInput> = {}): MetricsInput => ({
  now,
  routers: [router(), router({ id: 8, name: "gw-south", enabled: false, sample: null, counters: null, wans: [] })],
  openAlerts: [{ rule: "imbalance", severity: "warning", count: 3 }],
  workers: {
    workers: [{ workerId: "w1", hostname: "h", queueBackend: "postgres", startedAtMs: 1, lastSeenAtMs: 2000 }],
    polls: { polls: 10, failures: 2, lagBuckets: [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5], lagSumSec: 70 },
  },
  queues: [{ queue: "poll", counts: { waiting: 4, delayed: 9 } }],
  clients: null,
  scrapeErrors: [],
  ...over,
});

const render = async (over: Partial<MetricsInput> = {}) => buildMetricsRegistry(input(over)).metrics();
const line = (text: string, prefix: string) => text.split("\n").find((l) => l.startsWith(prefix));

describe("the /metrics exposition", () => {
  it("passes promtool's format and naming lint", async () => {
    const text = await render({ clients: { max: 1, rows: [{ router: "gw-south", address: "192.168.0.9", lists: 2 }], total: 5 } });
    // promtool reads the exposition on stdin and exits non-zero on a format error or a lint problem.
    const out = execFileSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(out).toBe("");
  });

  it("exports router, WAN, fleet and self series with base units and no timestamps", async () => {
    const text = await render();
    expect(line(text, 'wanscope_router_up{router="gw \\"north\\"\\\\1"}')).toBe('wanscope_router_up{router="gw \\"north\\"\\\\1"} 1');
    expect(line(text, 'wanscope_router_up{router="gw-south"}')).toBe('wanscope_router_up{router="gw-south"} 0');
    expect(text).toContain('wanscope_router_cpu_load_ratio{router="gw \\"north\\"\\\\1"} 0.12');
    expect(text).toContain('wanscope_router_poll_duration_seconds{router="gw \\"north\\"\\\\1"} 0.085');
    expect(text).toContain('wanscope_wan_receive_bytes_total{router="gw \\"north\\"\\\\1",wan="odd"} 1000000');
    expect(text).toContain('wanscope_wan_classified_connections_total{router="gw \\"north\\"\\\\1",wan="even"} 300');
    expect(text).toContain('wanscope_wan_connection_share_ratio{router="gw \\"north\\"\\\\1",wan="odd"} 0.75');
    expect(text).toContain('wanscope_wan_expected_share_ratio{router="gw \\"north\\"\\\\1",wan="even"} 0.5');
    expect(text).toContain('wanscope_wan_route_active{router="gw \\"north\\"\\\\1",wan="even"} 0');
    expect(text).toContain('wanscope_alerts_open{rule="imbalance",severity="warning"} 3');
    expect(text).toContain('wanscope_alerts_open{rule="stale",severity="critical"} 0');
    expect(text).toContain('wanscope_queue_jobs{queue="poll",state="delayed"} 9');
    expect(text).toContain("wanscope_polls_total 10");
    expect(text).toContain("wanscope_poll_failures_total 2");
    // No interface counter for a WAN whose interface the last poll did not read; no sample lines without a value.
    expect(text).not.toContain('wanscope_wan_receive_bytes_total{router="gw \\"north\\"\\\\1",wan="even"}');
    for (const l of text.split("\n").filter((l) => l && !l.startsWith("#")))
      expect(l, "no timestamp after the value").toMatch(/^\S+(\{.*\})? [-+\w.]+$/);
    // Every HELP of a per-router value says where it comes from.
    expect(line(text, "# HELP wanscope_router_clients")).toMatch(/last stored poll/);
    // Per-client series are off by default.
    expect(text).not.toContain("wanscope_client_lists");
  });

  it("renders the poll-lag histogram cumulatively with +Inf equal to the count", async () => {
    const text = await render();
    expect(text).toContain('wanscope_poll_lag_seconds_bucket{le="0.05"} 1');
    expect(text).toContain('wanscope_poll_lag_seconds_bucket{le="0.1"} 3');
    expect(text).toContain('wanscope_poll_lag_seconds_bucket{le="60"} 3');
    expect(text).toContain('wanscope_poll_lag_seconds_bucket{le="+Inf"} 8');
    expect(text).toContain("wanscope_poll_lag_seconds_count 8");
    expect(text).toContain("wanscope_poll_lag_seconds_sum 70");
  });

  it("caps the opt-in client series and says how many were dropped", async () => {
    const text = await render({ clients: { max: 1, rows: [{ router: "gw-south", address: "192.168.0.9", lists: 2 }], total: 5 } });
    expect(text).toContain('wanscope_client_lists{router="gw-south",client="192.168.0.9"} 2');
    expect(text).toContain("wanscope_client_series_dropped 4");
  });

  it("marks a part it could not read", async () => {
    const text = await render({ queues: null, scrapeErrors: ["queues"] });
    expect(text).toContain('wanscope_scrape_error{part="queues"} 1');
    expect(text).not.toContain("wanscope_queue_jobs{");
  });
});

describe("lagBucket", () => {
  it.each([
    [0, 0],
    [0.05, 0],
    [0.051, 1],
    [59.9, LAG_BUCKETS_SEC.length - 1],
    [61, LAG_BUCKETS_SEC.length],
  ])("%s s → bucket %s", (lag, bucket) => expect(lagBucket(lag)).toBe(bucket));
});
