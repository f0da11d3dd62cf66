// RouterOS change streams against the router model: listen, print =follow= and =follow-only= (with
// queries and .proplist) on address lists, interfaces and routes; .dead=yes on removal and expiry;
// several tagged streams on one session; /cancel's trap/done sequence. Wire-exact with a raw client,
// then through node-routeros's stream API and Debian's python3-librouteros.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { RouterOSAPI } from "node-routeros";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Fleet } from "@/sim/fleet";
import { rawLogin, type RawClient } from "../sim-protocol/raw-client";

let fleet: Fleet;
const clients: RawClient[] = [];

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 2,
    routers: [
      { name: "v6", version: "6.49", clients: 0, listVisibilityDelayMs: 0 },
      { name: "v7", version: "7.19", clients: 0, listVisibilityDelayMs: 0 },
      { name: "big", version: "7.19", clients: 0, listVisibilityDelayMs: 0 },
    ],
    serve: { basePort: 0 },
  });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => fleet?.close());

async function login(name: string): Promise<RawClient> {
  const r = fleet.get(name);
  const client = await rawLogin(r.apiPort!, r.user, r.password);
  clients.push(client);
  return client;
}

/** Reads sentences until `count` of them carry `tag`; returns those. */
async function tagged(client: RawClient, tag: string, count: number): Promise<string[][]> {
  const out: string[][] = [];
  while (out.length < count) {
    const [sentence] = await client.read(1, 5000);
    if (sentence!.includes(`.tag=${tag}`)) out.push(sentence!);
  }
  return out;
}

/** Streams start in request order: once a later command on the session is done, they run. */
async function running(client: RawClient): Promise<void> {
  client.send(["/system/identity/print", ".tag=sync"]);
  await tagged(client, "sync", 2);
}

const attrs = (sentence: string[]): Record<string, string> =>
  Object.fromEntries(sentence.filter((w) => w.startsWith("=")).map((w) => [w.slice(1, w.indexOf("=", 1)), w.slice(w.indexOf("=", 1) + 1)]));

describe("address-list streams on the wire", () => {
  it("listen: a !re with the whole entry per add and change, .dead=yes on remove and on timeout, until /cancel", async () => {
    const stream = await login("v6");
    const writer = await login("v6");
    stream.send(["/ip/firewall/address-list/listen", ".tag=l"]);
    await running(stream);
    writer.send(["/ip/firewall/address-list/add", "=list=vip", "=address=192.168.7.7", "=comment=boss"]);
    const [added] = await tagged(stream, "l", 1);
    const id = attrs(added!)[".id"]!;
    expect(added![0]).toBe("!re");
    expect(attrs(added!)).toMatchObject({ list: "vip", address: "192.168.7.7", comment: "boss", dynamic: "false", disabled: "false" });
    writer.send(["/ip/firewall/address-list/set", `=.id=${id}`, "=disabled=yes"]);
    expect(attrs((await tagged(stream, "l", 1))[0]!)).toMatchObject({ ".id": id, disabled: "true" });
    writer.send(["/ip/firewall/address-list/remove", `=.id=${id}`]);
    expect((await tagged(stream, "l", 1))[0]).toEqual(["!re", ".tag=l", `=.id=${id}`, "=.dead=yes"]);
    // a dynamic entry that times out disappears the same way
    writer.send(["/ip/firewall/address-list/add", "=list=vip", "=address=192.168.7.8", "=timeout=30s"]);
    const [dynamic] = await tagged(stream, "l", 1);
    expect(attrs(dynamic!)).toMatchObject({ dynamic: "true", timeout: "30s" });
    fleet.advance(31_000);
    expect((await tagged(stream, "l", 1))[0]).toEqual(["!re", ".tag=l", `=.id=${attrs(dynamic!)[".id"]}`, "=.dead=yes"]);
    stream.send(["/cancel", "=tag=l", ".tag=c"]);
    expect(await stream.untilDone("l")).toEqual([
      ["!trap", ".tag=l", "=category=2", "=message=interrupted"],
      ["!done", ".tag=c"],
      ["!done", ".tag=l"],
    ]);
  });

  it("print =follow= with a query and .proplist: matching rows first, then changes; leaving the query is .dead", async () => {
    const stream = await login("v7");
    const writer = await login("v7");
    for (const a of ["10.9.0.1", "10.9.0.2"]) {
      writer.send(["/ip/firewall/address-list/add", "=list=odd", `=address=${a}`]);
      await writer.untilDone();
    }
    writer.send(["/ip/firewall/address-list/add", "=list=even", "=address=10.9.0.3"]);
    await writer.untilDone();
    stream.send(["/ip/firewall/address-list/print", "=follow=", "?list=odd", "=.proplist=.id,address", ".tag=f"]);
    const first = await tagged(stream, "f", 2);
    expect(first.map((s) => attrs(s).address)).toEqual(["10.9.0.1", "10.9.0.2"]);
    expect(Object.keys(attrs(first[0]!))).toEqual([".id", "address"]);
    writer.send(["/ip/firewall/address-list/add", "=list=odd", "=address=10.9.0.4"]);
    writer.send(["/ip/firewall/address-list/add", "=list=even", "=address=10.9.0.5"]); // not in the query: nothing
    writer.send(["/ip/firewall/address-list/set", `=.id=${attrs(first[0]!)[".id"]}`, "=list=even"]);
    const later = await tagged(stream, "f", 2); // the writes above reach the router after the follow started
    expect(later[0]).toEqual(["!re", ".tag=f", expect.stringMatching(/^=\.id=\*/), "=address=10.9.0.4"]);
    expect(later[1]).toEqual(["!re", ".tag=f", `=.id=${attrs(first[0]!)[".id"]}`, "=.dead=yes"]);
    // a print on the same session meanwhile is answered in between
    stream.send(["/system/identity/print", ".tag=i"]);
    expect((await tagged(stream, "i", 2)).map((s) => s[0])).toEqual(["!re", "!done"]);
  });

  it("follow-only sends no current rows; two streams share a session; /cancel of one that sent nothing adds !empty on 7.19", async () => {
    const stream = await login("v7");
    const writer = await login("v7");
    stream.send(["/ip/firewall/address-list/print", "=follow-only=", "?list=quiet", ".tag=q"]);
    stream.send(["/ip/firewall/address-list/print", "=follow-only=", "?list=busy", ".tag=b"]);
    await running(stream);
    writer.send(["/ip/firewall/address-list/add", "=list=busy", "=address=10.8.0.1"]);
    expect(attrs((await tagged(stream, "b", 1))[0]!)).toMatchObject({ list: "busy", address: "10.8.0.1" });
    stream.send(["/cancel", "=tag=q", ".tag=c"]);
    expect(await stream.untilDone("q")).toEqual([
      ["!trap", ".tag=q", "=category=2", "=message=interrupted"],
      ["!done", ".tag=c"],
      ["!empty", ".tag=q"],
      ["!done", ".tag=q"],
    ]);
    writer.send(["/ip/firewall/address-list/add", "=list=busy", "=address=10.8.0.2"]);
    expect(attrs((await tagged(stream, "b", 1))[0]!)).toMatchObject({ address: "10.8.0.2" });
  });

  it("follow on 20,000 entries sends all of them first, in print order, then the next change", async () => {
    const router = fleet.get("big").router;
    const menu = router.menu("/ip/firewall/address-list")!;
    for (let i = 0; i < 20_000; i++) menu.add!({ list: "big", address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
    const stream = await login("big");
    stream.send(["/ip/firewall/address-list/print", "=follow=", "?list=big", "=.proplist=address", ".tag=g"]);
    const rows = await tagged(stream, "g", 20_000);
    expect(rows[0]).toEqual(["!re", ".tag=g", "=address=10.0.0.0"]);
    expect(rows[19_999]).toEqual(["!re", ".tag=g", "=address=10.0.78.31"]);
    menu.add!({ list: "big", address: "10.99.0.1" });
    expect((await tagged(stream, "g", 1))[0]).toEqual(["!re", ".tag=g", "=address=10.99.0.1"]);
  });
});

describe("interface and route streams", () => {
  it("listen on /interface sends a link going down; counters moving alone send nothing", async () => {
    const stream = await login("v6");
    stream.send(["/interface/listen", ".tag=i"]);
    await running(stream);
    fleet.advance(3000); // traffic-second samples: no change of state
    fleet.fault("v6", { gateway: { wan: "wlan2", state: "down" } });
    const [down] = await tagged(stream, "i", 1);
    expect(attrs(down!)).toMatchObject({ name: "wlan2", running: "false", "link-downs": "1" });
    fleet.fault("v6", { gateway: { wan: "wlan2", state: "up" } });
    expect(attrs((await tagged(stream, "i", 1))[0]!)).toMatchObject({ name: "wlan2", running: "true" });
  });

  it("follow on default routes sends the check-gateway failover as it happens", async () => {
    const stream = await login("v7");
    const writer = await login("v7");
    writer.send(["/ip/route/add", "=gateway=10.111.0.1", "=distance=1", "=check-gateway=ping", "=routing-table=odd", "=comment=primary"]);
    await writer.untilDone();
    stream.send(["/ip/route/print", "=follow=", "?dst-address=0.0.0.0/0", "=.proplist=.id,gateway,routing-table,active,comment", ".tag=r"]);
    const current = await tagged(stream, "r", 4);
    await running(stream);
    const primary = current.find((s) => attrs(s).comment === "primary")!;
    fleet.fault("v7", { gateway: { wan: "10.111.0.1", state: "down", mode: "upstream" } });
    fleet.advance(25_000);
    const [failed] = await tagged(stream, "r", 1);
    expect(attrs(failed!)).toMatchObject({ ".id": attrs(primary)[".id"], active: "false" });
  });
});

describe("stream clients", () => {
  it("node-routeros's stream API gets each change and stops with /cancel", async () => {
    const r = fleet.get("v6");
    const api = new RouterOSAPI({ host: "127.0.0.1", port: r.apiPort!, user: r.user, password: r.password, timeout: 5 });
    await api.connect();
    const packets: Array<Record<string, string>> = [];
    const stream = api.stream(
      ["/ip/firewall/address-list/print", "=follow-only=", "?list=node"],
      (error: Error | null, packet: unknown) => {
        if (!error && packet) packets.push(packet as Record<string, string>);
      },
    );
    // the session runs requests in order, so the add below reaches the router after the stream started
    const [added] = (await api.write("/ip/firewall/address-list/add", ["=list=node", "=address=10.5.0.1"])) as [{ ret: string }];
    await api.write("/ip/firewall/address-list/remove", [`=.id=${added.ret}`]);
    while (packets.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(packets).toEqual([expect.objectContaining({ ".id": added.ret, address: "10.5.0.1" }), { ".id": added.ret, ".dead": "yes" }]);
    await stream.stop();
    expect(await api.write("/system/identity/print")).toEqual([{ name: "v6" }]);
    await api.close();
  });

  it("python3-librouteros reads a listen sentence by sentence and ends it with /cancel", async () => {
    const r = fleet.get("v7");
    const script = String.raw`
import json, sys
import librouteros
a = json.loads(sys.argv[1])
listener = librouteros.connect("127.0.0.1", a["user"], a["password"], port=a["port"], timeout=10)
writer = librouteros.connect("127.0.0.1", a["user"], a["password"], port=a["port"], timeout=10)
# this librouteros collects a reply until !done, so a stream is read sentence by sentence
listener.protocol.writeSentence("/ip/firewall/address-list/listen")
listener.protocol.writeSentence("/system/identity/print")
out = {"sync": [listener.readSentence(), listener.readSentence()]}
lists = writer.path("ip", "firewall", "address-list")
new_id = lists.add(list="py", address="10.6.0.1")
out["added"] = listener.readSentence()
lists.remove(new_id)
out["removed"] = listener.readSentence()
listener.protocol.writeSentence("/cancel")
out["end"] = [listener.readSentence() for _ in range(3)]
out["still"] = list(listener("/system/identity/print"))
print(json.dumps(out))
`;
    const { stdout } = await promisify(execFile)(
      "/usr/bin/python3",
      ["-c", script, JSON.stringify({ port: r.apiPort, user: r.user, password: r.password })],
      { timeout: 30_000 },
    );
    type Sentence = [string, Record<string, unknown>];
    const out = JSON.parse(stdout) as { added: Sentence; removed: Sentence; end: unknown; still: unknown };
    expect(out.added[0]).toBe("!re");
    expect(out.added[1]).toMatchObject({ list: "py", address: "10.6.0.1", dynamic: false });
    expect(out.removed).toEqual(["!re", { ".id": out.added[1][".id"], ".dead": true }]);
    expect(out.end).toEqual([
      ["!trap", { category: 2, message: "interrupted" }],
      ["!done", {}],
      ["!done", {}],
    ]);
    expect(out.still).toEqual([{ name: "v7" }]);
  });
});
