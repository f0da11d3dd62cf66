import { RouterTrap, type Menu } from "../../protocol/router-api";
import { parseId } from "../format";
import type { SimRouter } from "../router";

export function connectionMenu(router: SimRouter): Menu {
  const conns = router.dataplane.conns;
  return {
    print: () => conns.print(),
    // count-only with no query or one test on connection-mark, the poller's per-mark count, comes from
    // conntrack's per-mark counters; any other query falls back to filtering the printed rows.
    count: (tests) => {
      if (tests.length === 0) return conns.size;
      const test = tests[0]!;
      if (tests.length > 1 || test.key !== "connection-mark") return undefined;
      // a connection without a mark has no connection-mark property; an empty value reads as unset
      if (test.kind === "has") return conns.size - conns.countMark("");
      if (test.kind === "lacks") return conns.countMark("");
      return conns.countMark(test.value);
    },
    remove: (id) => {
      const n = parseId(id);
      const conn = n === undefined ? undefined : conns.get(n);
      if (conn === undefined) throw new RouterTrap("no such item");
      conns.remove(conn);
    },
  };
}

export function connectionTrackingMenu(router: SimRouter): Menu {
  return {
    print: () => [
      {
        enabled: "auto",
        "tcp-syn-sent-timeout": "5s",
        "tcp-syn-received-timeout": "5s",
        "tcp-established-timeout": "1d",
        "tcp-fin-wait-timeout": "10s",
        "tcp-close-wait-timeout": "10s",
        "tcp-last-ack-timeout": "10s",
        "tcp-time-wait-timeout": "10s",
        "tcp-close-timeout": "10s",
        "tcp-max-retrans-timeout": "5m",
        "tcp-unacked-timeout": "5m",
        "loose-tcp-tracking": "true",
        "udp-timeout": "10s",
        "udp-stream-timeout": "3m",
        "icmp-timeout": "10s",
        "generic-timeout": "10m",
        "max-entries": String(router.dataplane.conns.maxEntries),
        "total-entries": String(router.dataplane.conns.size),
      },
    ],
  };
}
