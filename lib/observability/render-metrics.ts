import { Registry, type Metric } from "prom-client";
import { RULE_KINDS } from "../alerts/rules";
import type { MetricsRouter, OpenAlertGroup, WorkerFigures } from "../queries/metrics-snapshot";
import { routerHealth } from "../metrics/router-health";
import { fleetWans } from "../metrics/wan-shares";
import { LAG_BUCKETS_SEC } from "./poll-counters";

// The Prometheus exposition of what the database holds. Every value is the last stored poll's (or a
// sum of stored counters), so the metric classes of prom-client, which accumulate in this process,
// would not fit; each metric here is a snapshot handed to prom-client's Registry, which formats and
// escapes the text. No sample carries a timestamp: Prometheus stamps them at scrape time.

type Labels = Record<string, string | number>;
type Sample = { labels?: Labels; value: number; metricName?: string };
type MetricType = "gauge" | "counter" | "histogram";

const FROM_POLL = "(as of the router's last stored poll)";
const SEVERITIES = ["info", "warning", "critical"] as const;
export const QUEUE_STATES = ["waiting", "active", "delayed", "prioritized", "waiting-children", "failed"] as const;

export type QueueDepth = { queue: string; counts: Partial<Record<(typeof QUEUE_STATES)[number], number>> };

export type MetricsInput = {
  now: Date;
  routers: MetricsRouter[];
  openAlerts: OpenAlertGroup[];
  workers: WorkerFigures;
  queues: QueueDepth[] | null;
  /** Per-client series: null when off (the default); otherwise at most `max` clients. */
  clients: { max: number; rows: { router: string; address: string; lists: number }[]; total: number } | null;
  scrapeErrors: string[];
};

function snapshot(name: string, help: string, type: MetricType, values: Sample[]): Metric<string> {
  const data = { name, help, type, values, aggregator: "sum" as const };
  return { name, help, get: () => data } as unknown as Metric<string>;
}

/** Build the registry for one scrape; `registry.metrics()` renders it. */
export function buildMetricsRegistry(input: MetricsInput): Registry {
  const registry = new Registry();
  const add = (name: string, help: string, type: MetricType, values: Sample[]) =>
    registry.registerMetric(snapshot(name, help, type, values));
  const bool = (v: boolean | null | undefined): number => (v ? 1 : 0);

  const routers = input.routers;
  const per = (pick: (r: MetricsRouter) => number | null | undefined): Sample[] =>
    routers.flatMap((r) => {
      const value = pick(r);
      return value === null || value === undefined ? [] : [{ labels: { router: r.name }, value }];
    });

  add(
    "wanscope_router_info",
    "Router metadata: site, RouterOS version, identity, balancing method and WANscope's router id.",
    "gauge",
    routers.map((r) => ({
      labels: {
        router: r.name,
        router_id: r.id,
        site: r.site ?? "",
        version: r.rosVersion ?? "",
        identity: r.identity ?? "",
        balancing: r.balancingMethod ?? "",
        enabled: String(r.enabled),
      },
      value: 1,
    })),
  );
  add(
    "wanscope_router_up",
    "1 when the router's last poll succeeded and is recent (within two poll intervals), else 0; disabled routers are 0.",
    "gauge",
    per((r) =>
      bool(
        routerHealth({
          status: r.status,
          enabled: r.enabled,
          lastPollAt: r.lastPollAt,
          pollIntervalSec: r.pollIntervalSec,
          now: input.now,
        }) === "ok",
      ),
    ),
  );
  add(
    "wanscope_router_last_poll_timestamp_seconds",
    "When the router's last poll was stored (Unix time, seconds).",
    "gauge",
    per((r) => (r.lastPollAt ? r.lastPollAt.getTime() / 1000 : null)),
  );
  add(
    "wanscope_router_poll_interval_seconds",
    "The router's configured poll interval.",
    "gauge",
    per((r) => r.pollIntervalSec),
  );
  add(
    "wanscope_router_poll_duration_seconds",
    `How long the router's last poll took ${FROM_POLL}.`,
    "gauge",
    per((r) => (r.sample ? r.sample.pollMs / 1000 : null)),
  );
  add(
    "wanscope_router_cpu_load_ratio",
    `CPU load, 0 to 1 ${FROM_POLL}.`,
    "gauge",
    per((r) => (r.sample?.cpuLoad === null || r.sample?.cpuLoad === undefined ? null : r.sample.cpuLoad / 100)),
  );
  add(
    "wanscope_router_uptime_seconds",
    `Router uptime ${FROM_POLL}.`,
    "gauge",
    per((r) => r.sample?.uptimeSec),
  );
  add(
    "wanscope_router_clients",
    `Clients on any of the router's WAN lists ${FROM_POLL}.`,
    "gauge",
    per((r) => r.sample?.clients),
  );
  add(
    "wanscope_router_dual_listed_clients",
    `Clients on more than one WAN list ${FROM_POLL}.`,
    "gauge",
    per((r) => r.sample?.dualListed),
  );
  add(
    "wanscope_router_connections",
    `Tracked connections, marked and unmarked ${FROM_POLL}.`,
    "gauge",
    per((r) => r.sample?.connectionsTotal),
  );
  add(
    "wanscope_router_unmarked_connections",
    `Tracked connections with no WAN's connection mark ${FROM_POLL}.`,
    "gauge",
    per((r) => r.sample?.connectionsUnmarked),
  );
  add(
    "wanscope_router_list_clients",
    `Clients per WAN address list ${FROM_POLL}.`,
    "gauge",
    routers.flatMap((r) => (r.sample?.listCounts ?? []).map((c) => ({ labels: { router: r.name, list: c.list }, value: c.clients }))),
  );

  // Per WAN. Shares come from the same derivation as the dashboard's (lib/queries/wan-shares.ts).
  const wans = routers.flatMap((r) => {
    const shares = fleetWans(r.wans);
    return r.wans.map((w, i) => ({ router: r, wan: w, share: shares[i]!, labels: { router: r.name, wan: w.name } }));
  });
  const perWan = (pick: (w: (typeof wans)[number]) => number | null | undefined): Sample[] =>
    wans.flatMap((w) => {
      const value = pick(w);
      return value === null || value === undefined ? [] : [{ labels: w.labels, value }];
    });
  const iface = (w: (typeof wans)[number]) => w.router.counters?.interfaces[w.wan.interface];
  add(
    "wanscope_wan_info",
    "WAN metadata: interface, address list, connection mark, routing table or mark, gateway.",
    "gauge",
    wans.map((w) => ({
      labels: {
        ...w.labels,
        interface: w.wan.interface,
        address_list: w.wan.addressList ?? "",
        connection_mark: w.wan.connectionMark ?? "",
        routing: w.wan.routing ?? "",
        gateway: w.wan.gateway ?? "",
      },
      value: 1,
    })),
  );
  add(
    "wanscope_wan_receive_bytes_total",
    `Bytes received on the WAN's interface: the router's own counter ${FROM_POLL}; resets when the router reboots.`,
    "counter",
    perWan((w) => iface(w)?.rx),
  );
  add(
    "wanscope_wan_transmit_bytes_total",
    `Bytes sent on the WAN's interface: the router's own counter ${FROM_POLL}; resets when the router reboots.`,
    "counter",
    perWan((w) => iface(w)?.tx),
  );
  add(
    "wanscope_wan_classified_connections_total",
    `New connections the balancing rules classified onto this WAN: the packet counters of its nth/PCC mangle rules ${FROM_POLL}; resets when the rules or the router restart.`,
    "counter",
    perWan((w) => {
      const rules = w.router.counters?.rules;
      if (!rules || w.wan.classifierRuleIds.length === 0) return null;
      const counts = w.wan.classifierRuleIds.map((id) => rules[id]);
      return counts.every((n) => typeof n === "number") ? counts.reduce<number>((s, n) => s + (n as number), 0) : null;
    }),
  );
  add(
    "wanscope_wan_connections",
    `Tracked connections carrying this WAN's connection mark ${FROM_POLL}.`,
    "gauge",
    perWan((w) => w.wan.latest?.connections),
  );
  add(
    "wanscope_wan_route_active",
    `1 when the WAN's default route is active ${FROM_POLL}.`,
    "gauge",
    perWan((w) => (w.wan.latest ? bool(w.wan.latest.routeActive) : null)),
  );
  add(
    "wanscope_wan_running",
    `1 when the WAN's interface is running ${FROM_POLL}.`,
    "gauge",
    perWan((w) => (w.wan.latest ? bool(w.wan.latest.running) : null)),
  );
  add(
    "wanscope_wan_expected_share_ratio",
    "The WAN's expected share of the router's marked connections (its weight over the router's weights), 0 to 1.",
    "gauge",
    perWan((w) => w.share.expectedShare),
  );
  add(
    "wanscope_wan_connection_share_ratio",
    `The WAN's current share of the router's marked connections, 0 to 1 ${FROM_POLL}.`,
    "gauge",
    perWan((w) => w.share.connectionShare),
  );

  // Fleet and self.
  const open = new Map(input.openAlerts.map((g) => [`${g.rule}/${g.severity}`, g.count]));
  const rules = [...new Set([...RULE_KINDS, ...input.openAlerts.map((g) => g.rule)])];
  add(
    "wanscope_alerts_open",
    "Open alerts (firing or acknowledged) by rule and severity.",
    "gauge",
    rules.flatMap((rule) => SEVERITIES.map((severity) => ({ labels: { rule, severity }, value: open.get(`${rule}/${severity}`) ?? 0 }))),
  );
  const polls = input.workers.polls;
  add("wanscope_polls_total", "Router polls that reached or tried to reach a router, summed over all workers.", "counter", [
    { value: polls.polls },
  ]);
  add(
    "wanscope_poll_failures_total",
    "Router polls that failed (unreachable, bad login, timeout, router error), summed over all workers.",
    "counter",
    [{ value: polls.failures }],
  );
  const cumulative: Sample[] = [];
  let running = 0;
  LAG_BUCKETS_SEC.forEach((bound, i) => {
    running += polls.lagBuckets[i] ?? 0;
    cumulative.push({ metricName: "wanscope_poll_lag_seconds_bucket", labels: { le: bound }, value: running });
  });
  running += polls.lagBuckets[LAG_BUCKETS_SEC.length] ?? 0;
  cumulative.push({ metricName: "wanscope_poll_lag_seconds_bucket", labels: { le: "+Inf" }, value: running });
  cumulative.push({ metricName: "wanscope_poll_lag_seconds_sum", value: polls.lagSumSec });
  cumulative.push({ metricName: "wanscope_poll_lag_seconds_count", value: running });
  add(
    "wanscope_poll_lag_seconds",
    "From a poll's scheduled slot to its data stored, for every stored poll, over all workers.",
    "histogram",
    cumulative,
  );

  add(
    "wanscope_worker_last_seen_timestamp_seconds",
    "When each worker process last reported (Unix time, seconds); workers silent for a day are left out.",
    "gauge",
    input.workers.workers.map((w) => ({
      labels: { worker: w.workerId, hostname: w.hostname, queue_backend: w.queueBackend },
      value: w.lastSeenAtMs / 1000,
    })),
  );
  add(
    "wanscope_worker_start_time_seconds",
    "When each worker process started (Unix time, seconds).",
    "gauge",
    input.workers.workers.map((w) => ({ labels: { worker: w.workerId }, value: w.startedAtMs / 1000 })),
  );
  if (input.queues)
    add(
      "wanscope_queue_jobs",
      "Jobs in each BullMQ queue by state, read when scraped.",
      "gauge",
      input.queues.flatMap((q) => QUEUE_STATES.map((state) => ({ labels: { queue: q.queue, state }, value: q.counts[state] ?? 0 }))),
    );
  if (input.clients) {
    add(
      "wanscope_client_lists",
      `WAN lists a client is on (2 or more: dual-listed) ${FROM_POLL}; opt-in, at most METRICS_CLIENT_SERIES_MAX clients, dual-listed first.`,
      "gauge",
      input.clients.rows.map((c) => ({ labels: { router: c.router, client: c.address }, value: c.lists })),
    );
    add("wanscope_client_series_dropped", "Clients left out of wanscope_client_lists by the cap.", "gauge", [
      { value: Math.max(0, input.clients.total - input.clients.rows.length) },
    ]);
  }
  add(
    "wanscope_scrape_error",
    "1 for each part of this scrape that could not be read (the rest is still served), by part.",
    "gauge",
    ["queues", "clients"].map((part) => ({ labels: { part }, value: bool(input.scrapeErrors.includes(part)) })),
  );
  return registry;
}
