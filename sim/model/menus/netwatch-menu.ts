import type { Menu, Row } from "../../protocol/router-api";
import { formatBool, formatDuration, formatId } from "../format";
import type { Netwatch, Probe } from "../netwatch";
import type { SimRouter } from "../router";

/**
 * /tool/netwatch in RouterOS 6 shape (host, interval, timeout, status, since) or RouterOS 7 shape
 * (name, type, status, since, done-tests, failed-tests and, for icmp, loss and RTT figures in ms).
 */
export function netwatchMenu(router: SimRouter, netwatch: Netwatch): Menu {
  const v7 = router.personality.routeStyle === "v7";
  const print = (): Row[] => netwatch.probes.map((probe) => (v7 ? v7Row(router, probe) : v6Row(router, probe)));
  const feed = router.feed(print);
  netwatch.onChange = () => router.changed();
  return { print, watch: (listener) => feed.watch(listener) };
}

function since(router: SimRouter, probe: Probe): string {
  return probe.since === undefined ? "" : router.date(probe.since);
}

function v6Row(router: SimRouter, probe: Probe): Row {
  const row: Row = {
    ".id": formatId(probe.id),
    host: probe.host,
    interval: formatDuration(probe.intervalMs),
    timeout: `${probe.timeoutMs}ms`,
    since: since(router, probe),
    status: probe.status,
    "up-script": "",
    "down-script": "",
    disabled: formatBool(probe.disabled),
  };
  if (probe.params.comment !== undefined) row.comment = probe.params.comment;
  return row;
}

function v7Row(router: SimRouter, probe: Probe): Row {
  const row: Row = { ".id": formatId(probe.id) };
  if (probe.name !== undefined) row.name = probe.name;
  Object.assign(row, { type: probe.type, host: probe.host, interval: formatDuration(probe.intervalMs), timeout: `${probe.timeoutMs}ms` });
  if (probe.params["src-address"] !== undefined) row["src-address"] = probe.params["src-address"];
  if (probe.params.port !== undefined) row.port = probe.params.port;
  Object.assign(row, {
    status: probe.status,
    since: since(router, probe),
    "done-tests": String(probe.doneTests),
    "failed-tests": String(probe.failedTests),
  });
  if (probe.type === "icmp") {
    Object.assign(row, {
      "packet-count": String(probe.packetCount),
      "loss-count": String(probe.lossCount),
      "loss-percent": probe.doneTests === 0 ? "0%" : `${Math.round((probe.lossCount / probe.packetCount) * 100)}%`,
    });
    if (probe.rtt !== undefined) {
      Object.assign(row, {
        "rtt-avg": `${probe.rtt.avg}ms`,
        "rtt-min": `${probe.rtt.min}ms`,
        "rtt-max": `${probe.rtt.max}ms`,
        "rtt-jitter": `${probe.rtt.jitter}ms`,
        "rtt-stdev": `${probe.rtt.stdev}ms`,
      });
    }
  }
  if (probe.type === "tcp-conn" && probe.rtt !== undefined) row["tcp-connect-time"] = `${probe.rtt.avg}ms`;
  if (probe.type === "http-get" && probe.status === "up") {
    row["http-status-code"] = "200";
    if (probe.rtt !== undefined) row["http-resp-time"] = `${Math.round(probe.rtt.avg * 3)}ms`;
  }
  if (probe.type === "dns" && probe.rtt !== undefined) row["dns-resp-time"] = `${probe.rtt.avg}ms`;
  row.disabled = formatBool(probe.disabled);
  if (probe.params.comment !== undefined) row.comment = probe.params.comment;
  return row;
}
