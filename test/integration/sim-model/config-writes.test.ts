// Writes a config-fixing tool sends, over the API with node-routeros, against the router model: the
// engine runs the edited rules from the next connection on, errors come back as RouterOS traps, and the
// configuration can be exported and loaded back to the same rules.

import { RouterOSAPI } from "node-routeros";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startControlServer, type ControlServer } from "@/sim/control/http-control";
import { open } from "@/sim/testing/test-router";
import { Fleet } from "@/sim/fleet";
import { loadConfig } from "@/sim/model/export/load-config";

let fleet: Fleet;
let control: ControlServer;
let api: RouterOSAPI;
let clientBase = 0xc0a80100;

const router = () => fleet.get("gw").router;
const truth = () => fleet.truth("gw");
const mangle = () => api.write("/ip/firewall/mangle/print", ["=stats="]);

/** n new connections from n clients never seen before */
function newClients(n: number): void {
  for (let i = 0; i < n; i++) open(router(), clientBase++);
}

beforeAll(async () => {
  control = undefined as never;
  fleet = await Fleet.start({
    seed: 1,
    routers: [{ name: "gw", version: "6.49", clients: 0, listVisibilityDelayMs: 0 }],
    serve: { basePort: 0 },
  });
  control = await startControlServer({ fleet, port: 0 });
  const r = fleet.get("gw");
  api = new RouterOSAPI({ host: "127.0.0.1", port: r.apiPort!, user: r.user, password: r.password, timeout: 5 });
  await api.connect();
});
afterAll(async () => {
  await api?.close();
  await control?.close();
  await fleet?.close();
});
beforeEach(() => {
  router().dataplane.newStats = { total: 0, byMark: {}, byInterface: {}, unroutable: 0, dropped: 0 };
});

describe("mangle writes", () => {
  it("unsetting the second nth classifier makes the split 50/50 with nothing unmarked, from the next connection on", async () => {
    newClients(4000);
    expect(truth().newConnections.byMark).toEqual({ odd: 2000, even: 1000, "": 1000 });
    const rows = await mangle();
    const second = rows.find((r) => r.nth === "2,2")!;
    await api.write("/ip/firewall/mangle/set", [`=.id=${second[".id"]}`, "=nth="]);
    expect((await mangle()).find((r) => r[".id"] === second[".id"])).not.toHaveProperty("nth");
    router().dataplane.newStats = { total: 0, byMark: {}, byInterface: {}, unroutable: 0, dropped: 0 };
    newClients(10_000);
    expect(truth().newConnections.byMark).toEqual({ odd: 5000, even: 5000 });
    // a changed rule starts its counters again
    expect((await mangle()).find((r) => r[".id"] === second[".id"])).toMatchObject({ packets: "5000" });
    await api.write("/ip/firewall/mangle/set", [`=.id=${second[".id"]}`, "=nth=2,2"]);
  });

  it("adds a rule with place-before, honours it at once, and starts its counters at zero", async () => {
    const before = await mangle();
    const firstClassifier = before.find((r) => r.nth === "2,1")!;
    await api.write("/ip/firewall/address-list/add", ["=list=pinned", "=address=192.168.50.7"]);
    const [added] = await api.write("/ip/firewall/mangle/add", [
      "=chain=prerouting",
      "=src-address-list=pinned",
      "=in-interface=Local",
      "=action=mark-connection",
      "=new-connection-mark=even",
      "=passthrough=no",
      "=comment=pinned clients go by even",
      `=place-before=${firstClassifier[".id"]}`,
    ]);
    const id = (added as { ret: string }).ret;
    const after = await mangle();
    expect(after.map((r) => r[".id"]).indexOf(id)).toBe(after.map((r) => r[".id"]).indexOf(firstClassifier[".id"]!) - 1);
    expect(after.find((r) => r[".id"] === id)).toMatchObject({ packets: "0", comment: "pinned clients go by even", passthrough: "false" });
    expect(parseInt(id.slice(1), 16)).toBeGreaterThan(Math.max(...before.map((r) => parseInt(r[".id"]!.slice(1), 16))));
    const conn = open(router(), "192.168.50.7");
    expect(conn.mark).toBe("even");
    expect(truth().lists.odd ?? []).not.toContain("192.168.50.7");
    await api.write("/ip/firewall/mangle/remove", [`=.id=${id}`]);
    expect((await mangle()).map((r) => r[".id"])).toEqual(before.map((r) => r[".id"]));
  });

  it("moves, disables and enables rules, and never reuses an id", async () => {
    const ids = (await mangle()).map((r) => r[".id"]!);
    await api.write("/ip/firewall/mangle/move", [`=numbers=${ids[4]},${ids[5]}`, `=destination=${ids[0]}`]);
    expect((await mangle()).map((r) => r[".id"])).toEqual([ids[4], ids[5], ids[0], ids[1], ids[2], ids[3], ...ids.slice(6)]);
    await api.write("/ip/firewall/mangle/move", [`=numbers=${ids[4]},${ids[5]}`, `=destination=${ids[6]}`]);
    expect((await mangle()).map((r) => r[".id"])).toEqual(ids);
    await api.write("/ip/firewall/mangle/disable", [`=numbers=${ids[4]}`]);
    expect((await mangle())[4]).toMatchObject({ disabled: "true" });
    newClients(100);
    expect(truth().newConnections.byMark.odd ?? 0).toBe(0); // the odd classifier is off
    await api.write("/ip/firewall/mangle/enable", [`=numbers=${ids[4]}`]);
    const [{ ret }] = (await api.write("/ip/firewall/mangle/add", ["=chain=forward", "=action=passthrough"])) as [{ ret: string }];
    await api.write("/ip/firewall/mangle/remove", [`=.id=${ret}`]);
    const [{ ret: again }] = (await api.write("/ip/firewall/mangle/add", ["=chain=forward", "=action=passthrough"])) as [{ ret: string }];
    expect(again).not.toBe(ret);
    await api.write("/ip/firewall/mangle/remove", [`=.id=${again}`]);
  });

  it("answers bad ids and values with RouterOS's traps", async () => {
    const trap = (words: string[]) =>
      api.write(words[0]!, words.slice(1)).then(
        () => "no trap",
        (e: Error) => e.message,
      );
    expect(await trap(["/ip/firewall/mangle/remove", "=.id=*FFFF"])).toBe("no such item");
    expect(await trap(["/ip/firewall/mangle/set", "=.id=*FFFF", "=comment=x"])).toBe("no such item");
    expect(await trap(["/ip/firewall/mangle/move", "=numbers=*1", "=destination=*FFFF"])).toBe("no such item");
    expect(await trap(["/ip/firewall/mangle/add", "=chain=prerouting", "=action=teleport"])).toBe(
      "input does not match any value of action",
    );
    expect(await trap(["/ip/firewall/mangle/add", "=chain=prerouting", "=colour=red"])).toBe("unknown parameter colour");
    expect(await trap(["/ip/firewall/mangle/add", "=chain=prerouting", "=action=mark-routing"])).toBe(
      "failure: new-routing-mark not specified",
    );
    expect(await trap(["/ip/firewall/mangle/add", "=chain=prerouting", "=in-interface=ether9"])).toBe(
      "input does not match any value of in-interface",
    );
    expect(await trap(["/ip/firewall/mangle/add", "=chain=prerouting", "=src-address=10.0.0.300"])).toBe(
      "invalid value for argument src-address",
    );
    expect(await trap(["/ip/firewall/mangle/add", "=chain=prerouting", "=nth=2,3"])).toBe("invalid value for argument nth");
  });
});

describe("filter, raw, nat and route writes", () => {
  it("a filter drop in forward stops a client's new connections; removing it lets them through", async () => {
    const [{ ret }] = (await api.write("/ip/firewall/filter/add", ["=chain=forward", "=src-address=192.168.60.0/24", "=action=drop"])) as [
      { ret: string },
    ];
    open(router(), "192.168.60.5");
    expect(truth().newConnections.dropped).toBe(1);
    expect(truth().firewall.filter).toMatchObject([{ id: ret, chain: "forward", action: "drop", packets: 1 }]);
    await api.write("/ip/firewall/filter/remove", [`=.id=${ret}`]);
    expect(open(router(), "192.168.60.5").seenReply).toBe(true);
    expect(await api.write("/ip/firewall/filter/print")).toEqual([]);
  });

  it("raw drops before connection tracking", async () => {
    const [{ ret }] = (await api.write("/ip/firewall/raw/add", ["=chain=prerouting", "=src-address=192.168.61.9", "=action=drop"])) as [
      { ret: string },
    ];
    const conns = truth().connections.total;
    open(router(), "192.168.61.9");
    expect(truth().connections.total).toBe(conns);
    await api.write("/ip/firewall/raw/remove", [`=.id=${ret}`]);
  });

  it("adds, changes and disables routes; selection follows at once", async () => {
    const [{ ret }] = (await api.write("/ip/route/add", [
      "=dst-address=0.0.0.0/0",
      "=gateway=10.111.0.1",
      "=routing-mark=spare",
      "=distance=5",
      "=check-gateway=ping",
    ])) as [{ ret: string }];
    expect(truth().routes.find((r) => r.id === ret)).toMatchObject({ table: "spare", active: true, distance: 5, via: "wlan2" });
    await api.write("/ip/route/set", [`=.id=${ret}`, "=gateway=10.112.0.1"]);
    expect(truth().routes.find((r) => r.id === ret)).toMatchObject({ gateway: "10.112.0.1", via: "wlan1" });
    await api.write("/ip/route/disable", [`=numbers=${ret}`]);
    expect(truth().routes.find((r) => r.id === ret)).toMatchObject({ active: false });
    const printed = (await api.write("/ip/route/print", ["?routing-mark=spare"]))[0];
    expect(printed).toMatchObject({ disabled: "true", distance: "5", "check-gateway": "ping" });
    await expect(api.write("/ip/route/add", ["=gateway=10.1.1.1", "=routing-table=spare"])).rejects.toThrow(
      "unknown parameter routing-table",
    );
    await expect(api.write("/ip/route/add", ["=gateway=10.1.1.1", "=distance=300"])).rejects.toThrow("invalid value for argument distance");
    await api.write("/ip/route/remove", [`=.id=${ret}`]);
    expect(truth().routes.find((r) => r.id === ret)).toBeUndefined();
  });

  it("masquerade rules disabled leave new connections un-NATed", async () => {
    const ids = (await api.write("/ip/firewall/nat/print")).map((r) => r[".id"]).join(",");
    await api.write("/ip/firewall/nat/disable", [`=numbers=${ids}`]);
    expect(open(router(), "192.168.0.10").natAddress).toBe(0);
    await api.write("/ip/firewall/nat/enable", [`=numbers=${ids}`]);
    expect(open(router(), "192.168.0.10").natAddress).not.toBe(0);
  });
});

describe("export", () => {
  it("prints the current configuration as /export does, and loading it gives the same rules", async () => {
    await api.write("/ip/firewall/address-list/add", ["=list=pinned", "=address=192.168.50.9", '=comment=boss "B" ü']);
    await api.write("/ip/firewall/filter/add", ["=chain=forward", "=action=fasttrack-connection", "=connection-state=established,related"]);
    await api.write("/ip/service/set", ["=numbers=api", "=max-sessions=7"]);
    const text = await (await fetch(`http://127.0.0.1:${control.port}/routers/gw/export`)).text();
    expect(text).toMatch(/^# \w{3}\/\d\d\/\d{4} \d\d:\d\d:\d\d by RouterOS 6\.49\.10\n/);
    expect(text).toContain(
      "/ip firewall mangle\nadd action=mark-connection chain=prerouting in-interface=Local \\\n    new-connection-mark=odd passthrough=yes src-address-list=odd\n",
    );
    expect(text).toContain('add address=192.168.50.9 comment="boss \\"B\\" \\FC" list=pinned');
    expect(text).toContain("/ip service\nset api max-sessions=7\n");
    const loaded = loadConfig({ script: text, routeStyle: "v6" });
    const dp = router().dataplane;
    for (const table of ["filter", "mangle", "nat", "raw"] as const)
      expect(loaded[table].map((r) => r.params)).toEqual(dp.firewall[table].map((s) => s.rule.params));
    expect(loaded.routes.map((r) => r.params)).toEqual(dp.routing.routes.map((r) => r.config.params));
    expect(loaded.addressLists).toContainEqual(expect.objectContaining({ list: "pinned", address: "192.168.50.9", comment: 'boss "B" ü' }));
    expect(loaded.services.api).toEqual({ maxSessions: 7 });
  });
});
