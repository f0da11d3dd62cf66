import { describe, expect, it } from "vitest";
import { RouterProtocolError } from "../errors";
import { parseRouterOsVersion } from "../version";
import { parseAddressList } from "./address-lists";
import { combineConnectionCounts, parseCountOnly, parseTrackingTotals } from "./connection-counts";
import { interfaceForIp, parseIpAddresses } from "./ip-addresses";
import { parseInterfaces } from "./interfaces";
import { parseMangle, parseRuleCounters } from "./mangle";
import { parseRoutes } from "./routes";
import { parseSystemResource } from "./system-resource";

const v6 = parseRouterOsVersion("6.49.10 (long-term)")!;
const v7 = parseRouterOsVersion("7.19.1 (stable)")!;

describe("system resource", () => {
  it.each([
    [
      "v6",
      {
        version: "6.49.10 (long-term)",
        uptime: "1w2d3h4m5s",
        "cpu-load": "7",
        "free-memory": "30224384",
        "total-memory": "67108864",
        "board-name": "hAP ac^2",
      },
      788_645,
      6,
    ],
    ["v7", { version: "7.19.1 (stable)", uptime: "5m", "cpu-load": "0", "free-memory": "1024.0KiB" }, 300, 7],
  ])("%s", (_name, row, uptime, major) => {
    const r = parseSystemResource([row]);
    expect(r.uptimeSeconds).toBe(uptime);
    expect(r.version.major).toBe(major);
  });

  it.each([
    [{ version: "7.19.1", uptime: "forever", "cpu-load": "1", "free-memory": "1" }, "uptime"],
    [{ version: "7.19.1", uptime: "1s", "cpu-load": "250", "free-memory": "1" }, "cpu-load"],
    [{ version: "banana", uptime: "1s", "cpu-load": "1", "free-memory": "1" }, "version"],
    [{ version: "7.19.1", uptime: "1s", "cpu-load": "1", "free-memory": "lots" }, "free-memory"],
  ])("rejects bad values with a clear error (%j)", (row, field) => {
    expect(() => parseSystemResource([row])).toThrow(RouterProtocolError);
    expect(() => parseSystemResource([row])).toThrow(field);
  });
});

describe("interfaces", () => {
  it("reads counters and flags; absent counters are zero", () => {
    expect(
      parseInterfaces([
        { name: "wlan1", running: "true", disabled: "false", "rx-byte": "123", "tx-byte": "456", "link-downs": "2" },
        { name: "wlan2", running: "false" },
      ]),
    ).toEqual([
      { name: "wlan1", type: null, running: true, disabled: false, rxBytes: 123, txBytes: 456, rxPackets: 0, txPackets: 0, linkDowns: 2 },
      { name: "wlan2", type: null, running: false, disabled: false, rxBytes: 0, txBytes: 0, rxPackets: 0, txPackets: 0, linkDowns: 0 },
    ]);
  });
  it("rejects a negative counter", () => {
    expect(() => parseInterfaces([{ name: "wlan1", "rx-byte": "-5" }])).toThrow(/row 0: rx-byte/);
  });
});

describe("connection counts", () => {
  it("reads count-only and tracking totals (one total or split per family)", () => {
    expect(parseCountOnly([{ ret: "1234" }])).toBe(1234);
    expect(parseTrackingTotals([{ "total-entries": "500", "max-entries": "262144" }])).toEqual({ total: 500, maxEntries: 262_144 });
    expect(parseTrackingTotals([{ "total-ip4-entries": "400", "total-ip6-entries": "20" }])).toEqual({ total: 420, maxEntries: null });
    expect(() => parseCountOnly([{ ret: "lots" }])).toThrow(RouterProtocolError);
    expect(() => parseTrackingTotals([{ enabled: "auto" }])).toThrow(/total-entries/);
  });
  it("unmarked = total − marked, never negative", () => {
    expect(
      combineConnectionCounts({
        total: 100,
        maxEntries: null,
        byMark: [
          { mark: "odd", count: 60 },
          { mark: "even", count: 30 },
        ],
      }).unmarked,
    ).toBe(10);
    expect(combineConnectionCounts({ total: 80, maxEntries: null, byMark: [{ mark: "odd", count: 90 }] }).unmarked).toBe(0);
  });
});

describe("address lists", () => {
  it("reads dynamic and static entries", () => {
    const entries = parseAddressList({
      list: "odd",
      rows: [
        { ".id": "*1A", address: "192.168.0.10", timeout: "23h59m51s", dynamic: "true", "creation-time": "jan/02/2024 10:11:12" },
        { ".id": "*1B", address: "192.168.0.11", disabled: "true" },
      ],
    });
    expect(entries).toEqual([
      {
        id: "*1A",
        list: "odd",
        address: "192.168.0.10",
        timeoutSeconds: 86_391,
        dynamic: true,
        disabled: false,
        creationTime: "jan/02/2024 10:11:12",
      },
      { id: "*1B", list: "odd", address: "192.168.0.11", timeoutSeconds: null, dynamic: false, disabled: true, creationTime: null },
    ]);
  });
  it.each([
    [{ ".id": "1A", address: "1.2.3.4" }, ".id"],
    [{ ".id": "*1", address: "1.2.3.4; rm -rf" }, "address"],
    [{ ".id": "*1", address: "1.2.3.4", timeout: "soon" }, "timeout"],
  ])("rejects %j", (row, field) => {
    expect(() => parseAddressList({ list: "odd", rows: [row] })).toThrow(field);
  });
});

describe("routes", () => {
  it("normalises v6 rows", () => {
    const [marked, main] = parseRoutes({
      version: v6,
      rows: [
        {
          ".id": "*1",
          "dst-address": "0.0.0.0/0",
          gateway: "10.111.0.1",
          "gateway-status": "10.111.0.1 reachable via  wlan2",
          distance: "1",
          "routing-mark": "odd",
          active: "true",
        },
        {
          ".id": "*3",
          "dst-address": "0.0.0.0/0",
          gateway: "10.112.0.1",
          "gateway-status": "10.112.0.1 unreachable",
          distance: "1",
          active: "false",
        },
      ],
    });
    expect(marked).toMatchObject({ key: "odd|0.0.0.0/0|10.111.0.1|1", table: "odd", interface: "wlan2", reachable: true, active: true });
    expect(main).toMatchObject({ key: "main|0.0.0.0/0|10.112.0.1|1", table: "main", interface: null, reachable: false, active: false });
  });
  it("normalises v7 rows", () => {
    const [odd, main] = parseRoutes({
      version: v7,
      rows: [
        {
          ".id": "*8000001",
          "dst-address": "0.0.0.0/0",
          gateway: "10.111.0.1",
          "immediate-gw": "10.111.0.1%wlan2",
          distance: "1",
          "routing-table": "odd",
          active: "true",
        },
        { ".id": "*8000003", "dst-address": "0.0.0.0/0", gateway: "10.112.0.1", distance: "1", "routing-table": "main", inactive: "true" },
      ],
    });
    expect(odd).toMatchObject({ key: "odd|0.0.0.0/0|10.111.0.1|1", interface: "wlan2", active: true, reachable: true });
    expect(main).toMatchObject({ table: "main", active: false, interface: null });
  });
});

describe("mangle", () => {
  it("reads matchers, nth, PCC and counters", () => {
    const [rule, pcc] = parseMangle([
      {
        ".id": "*5",
        chain: "prerouting",
        action: "mark-connection",
        "in-interface": "Local",
        "connection-state": "new",
        nth: "2,1",
        "new-connection-mark": "odd",
        passthrough: "true",
        "src-address-list": "!even",
        packets: "42",
        bytes: "4200",
      },
      {
        ".id": "*6",
        chain: "prerouting",
        action: "mark-connection",
        "per-connection-classifier": "src-address:3/2",
        "new-connection-mark": "wan3",
      },
    ]);
    expect(rule).toMatchObject({
      id: "*5",
      order: 0,
      nth: { every: 2, packet: 1 },
      srcAddressList: { value: "even", negated: true },
      inInterface: { value: "Local", negated: false },
      packets: 42,
      passthrough: true,
    });
    expect(pcc).toMatchObject({ order: 1, pcc: { fields: "src-address", denominator: 3, remainder: 2, negated: false }, packets: 0 });
  });
  it.each([
    [{ nth: "2" }, "nth"],
    [{ nth: "2,3" }, "nth"],
    [{ "per-connection-classifier": "src-address:3/3" }, "per-connection-classifier"],
    [{ "new-connection-mark": "bad\u0001mark" }, "new-connection-mark"],
  ])("rejects %j", (extra, field) => {
    expect(() => parseMangle([{ ".id": "*1", chain: "prerouting", action: "mark-connection", ...extra }])).toThrow(field);
  });
  it("reads counters only", () => {
    expect(parseRuleCounters([{ ".id": "*5", packets: "10", bytes: "900" }])).toEqual([{ id: "*5", packets: 10, bytes: 900 }]);
  });
});

describe("ip addresses", () => {
  it("finds the interface whose subnet holds a gateway", () => {
    const addresses = parseIpAddresses([
      { address: "10.111.0.2/24", network: "10.111.0.0", interface: "wlan2" },
      { address: "10.112.0.2/24", network: "10.112.0.0", interface: "wlan1" },
    ]);
    expect(interfaceForIp(addresses, "10.112.0.1")).toBe("wlan1");
    expect(interfaceForIp(addresses, "8.8.8.8")).toBeNull();
    expect(interfaceForIp(addresses, "not-an-ip")).toBeNull();
  });
});
