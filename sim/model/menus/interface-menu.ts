import { RouterTrap, type Menu, type Row } from "../../protocol/router-api";
import type { InterfaceState } from "../../engine/interface-state";
import { formatBool, formatId } from "../format";
import type { SimRouter } from "../router";

/** Counters move with every packet: a change of them alone is no change for listen. */
const COUNTERS = new Set([
  "rx-byte",
  "tx-byte",
  "rx-packet",
  "tx-packet",
  "rx-drop",
  "tx-drop",
  "tx-queue-drop",
  "rx-error",
  "tx-error",
  "fp-rx-byte",
  "fp-tx-byte",
  "fp-rx-packet",
  "fp-tx-packet",
]);

export function interfaceMenu(router: SimRouter): Menu {
  const print = (): Row[] => [...router.dataplane.interfaces.values()].map((i) => interfaceRow(router, i));
  const feed = router.feed(print, COUNTERS);
  return {
    print,
    watch: (listener) => feed.watch(listener),
    commands: {
      "monitor-traffic": (attributes) => {
        const names = (attributes.interface ?? "").split(",").filter((n) => n !== "");
        if (names.length === 0) throw new RouterTrap("missing value(s) of argument(s) interface");
        const ifaces = names.map((name) => {
          const iface = router.dataplane.interfaces.get(name);
          if (iface === undefined) throw new RouterTrap(`no such item (${name})`);
          return iface;
        });
        const rows = (): Row[] => ifaces.map(monitorRow);
        if ("once" in attributes) return { kind: "rows", rows: rows() };
        return {
          kind: "stream",
          stream: {
            start: (emit) => {
              // each cycle's rows share a .section number, counting up from 0 (captured on 7.24)
              let section = 0;
              const send = (): void => {
                const tag = String(section++);
                for (const row of rows()) emit({ ...row, ".section": tag });
              };
              send();
              const timer = setInterval(send, 1000);
              return () => clearInterval(timer);
            },
          },
        };
      },
    },
  };
}

function interfaceRow(router: SimRouter, i: InterfaceState): Row {
  return {
    ".id": formatId(i.id),
    name: i.name,
    "default-name": i.defaultName ?? (i.type === "wlan" ? `wlan${i.id}` : `ether${i.id}`),
    type: i.type,
    mtu: "1500",
    "actual-mtu": "1500",
    l2mtu: "1598",
    "max-l2mtu": "9578",
    "mac-address": i.mac,
    "last-link-up-time": router.date(i.lastLinkUp),
    "link-downs": String(i.linkDowns),
    "rx-byte": String(i.rxByte),
    "tx-byte": String(i.txByte),
    "rx-packet": String(i.rxPacket),
    "tx-packet": String(i.txPacket),
    "rx-drop": "0",
    "tx-drop": "0",
    "tx-queue-drop": "0",
    "rx-error": "0",
    "tx-error": "0",
    "fp-rx-byte": String(i.rxByte),
    "fp-tx-byte": "0",
    "fp-rx-packet": String(i.rxPacket),
    "fp-tx-packet": "0",
    running: formatBool(i.running && !i.disabled),
    disabled: formatBool(i.disabled),
  };
}

function monitorRow(i: InterfaceState): Row {
  return {
    name: i.name,
    "rx-packets-per-second": String(i.rate.rxPps),
    "rx-bits-per-second": String(i.rate.rxBps),
    "fp-rx-packets-per-second": String(i.rate.rxPps),
    "fp-rx-bits-per-second": String(i.rate.rxBps),
    "rx-drops-per-second": "0",
    "rx-errors-per-second": "0",
    "tx-packets-per-second": String(i.rate.txPps),
    "tx-bits-per-second": String(i.rate.txBps),
    "fp-tx-packets-per-second": "0",
    "fp-tx-bits-per-second": "0",
    "tx-drops-per-second": "0",
    "tx-queue-drops-per-second": "0",
    "tx-errors-per-second": "0",
  };
}
