// Debian's python3-librouteros against the simulator: a second, independent implementation of the
// client side (its own codec, both login methods, TLS via ssl.SSLContext, and no crash on !empty).

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@/sim/protocol/api-server";
import { createFixtureRouter, type FixtureRouter } from "@/test/factories/sim-router-fixture";

const run = promisify(execFile);

// One script, one scenario per call; prints a JSON result so assertions stay in TypeScript.
const SCRIPT = String.raw`
import json, ssl, sys
import librouteros
from librouteros.login import plain, token
from librouteros.query import Key
from librouteros.exceptions import TrapError, MultiTrapError
args = json.loads(sys.argv[1])
kw = {"port": args["port"], "timeout": 10, "login_method": token if args.get("login") == "token" else plain}
if args.get("tls"):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if args["tls"] == "anonymous-dh":
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_ciphers("ADH:@SECLEVEL=0")
    else:
        ctx.load_verify_locations(cadata=args["ca"])
    kw["ssl_wrapper"] = lambda sock: ctx.wrap_socket(sock, server_hostname="localhost")
out = {}
try:
    api = librouteros.connect("127.0.0.1", "admin", args.get("password", "secret"), **kw)
except TrapError as e:
    print(json.dumps({"loginError": str(e)})); sys.exit(0)
scenario = args["scenario"]
if scenario == "identity":
    out["rows"] = list(api("/system/identity/print"))
elif scenario == "query":
    path = api.path("ip", "firewall", "address-list")
    lst, addr, id_ = Key("list"), Key("address"), Key(".id")
    out["rows"] = list(path.select(id_, addr).where(lst == "odd", addr < "10.0.0.10"))
    out["either"] = len(list(path.select(addr).where(librouteros.query.Or(lst == "odd", lst == "even"))))
    out["count"] = list(api.rawCmd("/ip/firewall/address-list/print", "=count-only=", "?list=odd"))
elif scenario == "crud":
    path = api.path("ip", "firewall", "address-list")
    new_id = path.add(list="odd", address="10.7.7.7")
    try:
        path.add(list="odd", address="10.7.7.7")
    except TrapError as e:
        out["duplicate"] = str(e)
    path.remove(new_id)
    out["after"] = list(path)
    try:
        list(api("/ip/adress/print"))
    except MultiTrapError as e:
        out["unknown"] = str(e)
elif scenario == "empty":
    out["rows"] = list(api.rawCmd("/ip/firewall/address-list/print", "?list=nobody"))
elif scenario == "big":
    out["count"] = sum(1 for _ in api.rawCmd("/ip/firewall/address-list/print", "=.proplist=.id,address"))
api.close()
print(json.dumps(out))
`;

async function python(args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { stdout } = await run("/usr/bin/python3", ["-c", SCRIPT, JSON.stringify(args)], { timeout: 60_000, maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

let v7: FixtureRouter;
let v6: FixtureRouter;
let v7Server: ApiServer;
let v6Server: ApiServer;
let anonServer: ApiServer;

beforeAll(async () => {
  v7 = createFixtureRouter({ version: "7.19.1 (stable)", loginMode: "plain", sendsEmpty: true });
  v6 = createFixtureRouter({ version: "6.42.12 (long-term)", loginMode: "challenge", sendsEmpty: false });
  v7Server = await startApiServer({ router: v7, port: 0, tlsPort: 0, tlsMode: "certificate" });
  v6Server = await startApiServer({ router: v6, port: 0 });
  anonServer = await startApiServer({ router: v7, port: 0, tlsPort: 0, tlsMode: "anonymous-dh" });
});
afterAll(async () => {
  await Promise.all([v7Server.close(), v6Server.close(), anonServer.close()]);
});

describe("python3-librouteros", () => {
  it("logs in with plain (7.x) and token (pre-6.43) methods", async () => {
    expect(await python({ port: v7Server.port, scenario: "identity" })).toEqual({ rows: [{ name: "gw-test" }] });
    expect(await python({ port: v6Server.port, scenario: "identity", login: "token" })).toEqual({ rows: [{ name: "gw-test" }] });
  });

  it("gets RouterOS's wording for a wrong password", async () => {
    expect(await python({ port: v7Server.port, scenario: "identity", password: "x" })).toEqual({
      loginError: "invalid user name or password (6)",
    });
    expect(await python({ port: v6Server.port, scenario: "identity", login: "token", password: "x" })).toEqual({
      loginError: "cannot log in",
    });
  });

  it("queries with select/where, Or, and count-only", async () => {
    v7.fillAddressList(1000);
    const out = await python({ port: v7Server.port, scenario: "query" });
    expect(out.rows).toHaveLength(5);
    expect((out.rows as Record<string, string>[])[0]).toEqual({ ".id": "*1", address: "10.0.0.0" });
    expect(out.either).toBe(1000);
    expect(out.count).toEqual([{ ret: 500 }]);
  });

  it("adds, sees the duplicate trap, removes, and reads both traps of an unknown command", async () => {
    v7.addressList.load([]);
    const out = await python({ port: v7Server.port, scenario: "crud" });
    expect(out).toEqual({
      duplicate: "failure: already have such entry",
      after: [],
      unknown: "no such command or directory (adress), no such command prefix",
    });
  });

  it("reads !empty from a 7.18+ router as an empty result", async () => {
    expect(await python({ port: v7Server.port, scenario: "empty" })).toEqual({ rows: [] });
  });

  it("reads 100,000 rows", async () => {
    v7.fillAddressList(100_000);
    expect(await python({ port: v7Server.port, scenario: "big" })).toEqual({ count: 100_000 });
  });

  it("connects over API-SSL: pinned self-signed certificate, and anonymous DH", async () => {
    expect(await python({ port: v7Server.tlsPort, tls: "certificate", ca: v7Server.certificatePem, scenario: "identity" })).toEqual({
      rows: [{ name: "gw-test" }],
    });
    expect(await python({ port: anonServer.tlsPort, tls: "anonymous-dh", scenario: "identity" })).toEqual({ rows: [{ name: "gw-test" }] });
  });
});
