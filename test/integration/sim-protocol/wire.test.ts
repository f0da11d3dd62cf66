// Wire-level behaviour of the simulator's API server that libraries hide: exact reply words,
// tags, !empty, /cancel ordering, keep-alive, faults and hostile input.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@/sim/protocol/api-server";
import { encodeLength, encodeSentence } from "@/sim/protocol/word-codec";
import { challengeResponse } from "@/sim/protocol/login";
import { createFixtureRouter, type FixtureRouter } from "@/test/factories/sim-router-fixture";
import { rawConnect, rawLogin, type RawClient } from "./raw-client";

let router: FixtureRouter;
let server: ApiServer;
const clients: RawClient[] = [];
const track = (client: RawClient): RawClient => {
  clients.push(client);
  return client;
};

beforeAll(async () => {
  router = createFixtureRouter({ version: "7.19.1 (stable)", sendsEmpty: true });
  server = await startApiServer({ router, port: 0 });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  Object.assign(router.faultState, { slowMs: 0, wrongPassword: false, dropMidReply: false, unreachable: false });
});
afterAll(() => server.close());

describe("login and session", () => {
  it("answers commands before login with not logged in", async () => {
    const client = track(await rawConnect(server.port));
    client.send(["/ip/firewall/address-list/print", ".tag=1"]);
    expect(await client.untilDone("1")).toEqual([
      ["!trap", ".tag=1", "=message=not logged in"],
      ["!done", ".tag=1"],
    ]);
  });

  it("rejects a wrong password as 7.x words it, and logs sessions", async () => {
    const client = track(await rawConnect(server.port));
    client.send(["/login", "=name=admin", "=password=nope"]);
    expect(await client.read(2)).toEqual([["!trap", "=message=invalid user name or password (6)"], ["!done"]]);
    const before = router.sessionLog.length;
    client.send(["/login", "=name=admin", "=password=secret"]);
    expect(await client.read()).toEqual([["!done"]]);
    client.send(["/quit"]);
    expect(await client.read()).toEqual([["!fatal", "session terminated on request"]]);
    await client.closed;
    expect(router.sessionLog.slice(before)).toEqual([
      { event: "login", user: "admin", via: "api" },
      { event: "logout", user: "admin", via: "api" },
    ]);
  });

  it("hands out a challenge on 7.x but never accepts the response", async () => {
    const client = track(await rawConnect(server.port));
    client.send(["/login"]);
    const [[done, ret] = []] = await client.read();
    expect(done).toBe("!done");
    expect(ret).toMatch(/^=ret=[0-9a-f]{32}$/);
    client.send(["/login", "=name=admin", `=response=${challengeResponse("secret", Buffer.from(ret!.slice(5), "hex"))}`]);
    expect((await client.read(2))[0]).toEqual(["!trap", "=message=invalid user name or password (6)"]);
  });
});

describe("replies", () => {
  it("echoes .tag right after the reply word, only when sent", async () => {
    const client = track(await rawLogin(server.port));
    client.send(["/system/identity/print", ".tag=abc"]);
    expect(await client.untilDone("abc")).toEqual([
      ["!re", ".tag=abc", "=name=gw-test"],
      ["!done", ".tag=abc"],
    ]);
    client.send(["/system/identity/print"]);
    expect(await client.untilDone()).toEqual([["!re", "=name=gw-test"], ["!done"]]);
  });

  it("sends !empty before !done on a 7.18+ print with no rows", async () => {
    const client = track(await rawLogin(server.port));
    client.send(["/ip/firewall/address-list/print", "?list=nobody", ".tag=5"]);
    expect(await client.untilDone("5")).toEqual([
      ["!empty", ".tag=5"],
      ["!done", ".tag=5"],
    ]);
  });

  it("count-only answers only !done =ret=N", async () => {
    router.fillConnections(1000);
    const client = track(await rawLogin(server.port));
    client.send(["/ip/firewall/connection/print", "=count-only=", "?connection-mark=odd_conn"]);
    expect(await client.untilDone()).toEqual([["!done", "=ret=500"]]);
  });

  it("add returns =ret=*ID, duplicate traps, remove takes comma-separated ids", async () => {
    router.addressList.load([]);
    const client = track(await rawLogin(server.port));
    client.send(["/ip/firewall/address-list/add", "=list=odd", "=address=10.1.1.1"]);
    const [[, first] = []] = await client.untilDone();
    expect(first).toMatch(/^=ret=\*[0-9A-F]+$/);
    client.send(["/ip/firewall/address-list/add", "=list=odd", "=address=10.1.1.1"]);
    expect(await client.untilDone()).toEqual([["!trap", "=message=failure: already have such entry"], ["!done"]]);
    client.send(["/ip/firewall/address-list/add", "=list=odd", "=address=not-an-ip"]);
    expect(await client.untilDone()).toEqual([["!trap", "=message=invalid value for argument address"], ["!done"]]);
    client.send(["/ip/firewall/address-list/add", "=list=even", "=address=10.1.1.2"]);
    const [[, second] = []] = await client.untilDone();
    client.send(["/ip/firewall/address-list/remove", `=.id=${first!.slice(5)},${second!.slice(5)}`]);
    expect(await client.untilDone()).toEqual([["!done"]]);
    client.send(["/ip/firewall/address-list/remove", "=.id=*FFFF"]);
    expect(await client.untilDone()).toEqual([["!trap", "=message=no such item"], ["!done"]]);
  });

  it("words unknown commands as RouterOS does", async () => {
    const client = track(await rawLogin(server.port));
    client.send(["/ip/adress/print"]);
    expect(await client.untilDone()).toEqual([
      ["!trap", "=category=0", "=message=no such command or directory (adress)"],
      ["!trap", "=message=no such command prefix"],
      ["!done"],
    ]);
    client.send(["/interface/frobnicate"]);
    expect(await client.untilDone()).toEqual([["!trap", "=message=no such command"], ["!done"]]);
  });

  it("answers node-routeros's '#' keep-alive with !trap and !done, not !fatal", async () => {
    const client = track(await rawLogin(server.port));
    client.send(["#", ".tag=9"]);
    expect(await client.untilDone("9")).toEqual([
      ["!trap", ".tag=9", "=message=no such command prefix"],
      ["!done", ".tag=9"],
    ]);
  });
});

describe("streams and /cancel", () => {
  it("streams monitor-traffic until /cancel =tag=, with RouterOS's ordering", async () => {
    const client = track(await rawLogin(server.port));
    client.send(["/interface/monitor-traffic", "=interface=wlan1", ".tag=10"]);
    const rows = await client.read(2);
    expect(rows.every((row) => row[0] === "!re" && row[1] === ".tag=10")).toBe(true);
    client.send(["/cancel", "=tag=10", ".tag=20"]);
    const tail: string[][] = [];
    for (;;) {
      const [sentence] = await client.read();
      if (sentence![0] === "!re") continue; // rows already in flight
      tail.push(sentence!);
      if (tail.length === 3) break;
    }
    expect(tail).toEqual([
      ["!trap", ".tag=10", "=category=2", "=message=interrupted"],
      ["!done", ".tag=20"],
      ["!done", ".tag=10"],
    ]);
  });

  it("/cancel without a tag stops every running command", async () => {
    const client = track(await rawLogin(server.port));
    client.send(["/interface/monitor-traffic", "=interface=wlan1", ".tag=a"]);
    client.send(["/interface/monitor-traffic", "=interface=wlan2", ".tag=b"]);
    await client.read(2);
    client.send(["/cancel", ".tag=c"]);
    const seen: string[][] = [];
    while (seen.filter((s) => s[0] === "!done").length < 3) {
      const [sentence] = await client.read();
      if (sentence![0] !== "!re") seen.push(sentence!);
    }
    expect(
      seen
        .filter((s) => s[0] === "!trap")
        .map((s) => s[1])
        .sort(),
    ).toEqual([".tag=a", ".tag=b"]);
  });
});

describe("faults", () => {
  it("slowMs delays replies", async () => {
    const client = track(await rawLogin(server.port));
    router.faultState.slowMs = 150;
    const started = Date.now();
    client.send(["/system/identity/print"]);
    await client.untilDone();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("dropMidReply cuts the next multi-row reply mid-sentence, once", async () => {
    router.fillAddressList(100);
    const client = track(await rawLogin(server.port));
    router.faultState.dropMidReply = true;
    client.send(["/ip/firewall/address-list/print"]);
    await client.closed;
    expect(router.faultState.dropMidReply).toBe(false);
    const again = track(await rawLogin(server.port));
    again.send(["/ip/firewall/address-list/print", "=count-only="]);
    expect(await again.untilDone()).toEqual([["!done", "=ret=100"]]);
  });

  it("unreachable: new connections and open sessions fall silent, then recover", async () => {
    const open = track(await rawLogin(server.port));
    router.faultState.unreachable = true;
    const silent = track(await rawConnect(server.port));
    silent.send(["/login", "=name=admin", "=password=secret"]);
    open.send(["/system/identity/print"]);
    await expect(silent.read(1, 300)).rejects.toThrow("timed out");
    await expect(open.read(1, 100)).rejects.toThrow("timed out");
    router.faultState.unreachable = false;
    open.send(["/system/identity/print"]);
    expect(await open.untilDone()).toEqual([["!re", "=name=gw-test"], ["!done"]]);
  });

  it("dropSessions cuts every session; the listener stays", async () => {
    const client = track(await rawLogin(server.port));
    server.dropSessions();
    await client.closed;
    const again = track(await rawLogin(server.port));
    again.send(["/system/identity/print"]);
    expect((await again.untilDone()).at(-1)).toEqual(["!done"]);
  });
});

describe("hostile input closes only that connection", () => {
  const survivesAfter = async (bytes: Buffer, expectClose: boolean): Promise<void> => {
    const bystander = track(await rawLogin(server.port));
    const attacker = track(await rawConnect(server.port));
    attacker.sendBytes(bytes);
    if (expectClose) await attacker.closed;
    bystander.send(["/system/identity/print", ".tag=ok"]);
    expect((await bystander.untilDone("ok")).at(-1)).toEqual(["!done", ".tag=ok"]);
    // give the slots back (max-sessions is 20), so the next round is admitted
    bystander.close();
    attacker.close();
    while (router.sessions.counts().open > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("reserved length byte", () => survivesAfter(Buffer.from([0xf8, 0, 0, 0, 1]), true));
  it("oversized word", () => survivesAfter(encodeLength(0x7fffffff), true));
  it("word too big before login", () => survivesAfter(Buffer.concat([encodeLength(1024 * 1024), Buffer.alloc(100)]), true));
  it("truncated sentence, then the client leaves", async () => {
    await survivesAfter(encodeSentence(["/login", "=name=admin"]).subarray(0, 9), false);
  });

  it("random bytes", async () => {
    for (let round = 0; round < 20; round += 1) {
      const bytes = Buffer.alloc(256);
      for (let index = 0; index < bytes.length; index += 1) bytes[index] = Math.floor(Math.random() * 256);
      await survivesAfter(bytes, false);
    }
  });

  it("a sentence split into single bytes is still answered", async () => {
    const client = track(await rawLogin(server.port));
    for (const byte of encodeSentence(["/system/identity/print", ".tag=s"])) {
      client.sendBytes(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await client.untilDone("s")).at(-1)).toEqual(["!done", ".tag=s"]);
  });
});
