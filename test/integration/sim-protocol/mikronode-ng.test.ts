// mikronode-ng: an old client that only knows the pre-6.43 challenge login and writes every word
// in its own socket write, so the server's reassembly is exercised by a real third party.

import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@/sim/protocol/api-server";
import { createFixtureRouter, type FixtureRouter } from "@/test/factories/sim-router-fixture";

type Connection = {
  getConnectPromise(): Promise<Connection>;
  getCommandPromise(command: string, parameters?: Record<string, string> | string[]): Promise<Record<string, string>[]>;
  close(): void;
};
type MikroNode = { getConnection(host: string, user: string, password: string, options: object): Connection };
const mikronode = createRequire(import.meta.url)("mikronode-ng") as MikroNode;

let router: FixtureRouter;
let server: ApiServer;
let anonServer: ApiServer;

beforeAll(async () => {
  router = createFixtureRouter({ version: "6.40.9 (bugfix)", loginMode: "challenge", sendsEmpty: false });
  server = await startApiServer({ router, port: 0, tlsPort: 0, tlsMode: "certificate" });
  anonServer = await startApiServer({ router, port: 0, tlsPort: 0, tlsMode: "anonymous-dh" });
});
afterAll(async () => {
  await Promise.all([server.close(), anonServer.close()]);
});

const open = (port: number, password = "secret", tls?: object): Promise<Connection> =>
  mikronode.getConnection("127.0.0.1", "admin", password, { port, timeout: 5, closeOnDone: false, tls }).getConnectPromise();

describe("mikronode-ng", () => {
  it("logs in with the challenge and prints", async () => {
    const connection = await open(server.port);
    const rows = await connection.getCommandPromise("/system/identity/print");
    expect(rows).toEqual([{ name: "gw-test" }]);
    connection.close();
  });

  it("is refused with a wrong password", async () => {
    await expect(open(server.port, "bad")).rejects.toBeTruthy();
  });

  it("prints with a query and proplist, and gets count-only's =ret=", async () => {
    router.fillAddressList(50);
    const connection = await open(server.port);
    const rows = await connection.getCommandPromise("/ip/firewall/address-list/print", ["?list=odd", "=.proplist=address"]);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toEqual({ address: "10.0.0.0" });
    connection.close();
    // mikronode-ng keeps parser state across replies: after a `!re` reply on the same connection it
    // completes `!done .tag=N =ret=` at the tag and loses the ret, so count on a fresh connection.
    const fresh = await open(server.port);
    const counted = await fresh.getCommandPromise("/ip/firewall/address-list/print", ["=count-only=", "?list=even"]);
    expect(counted).toEqual([{ ret: "25" }]);
    fresh.close();
  });

  it("adds and removes, and rejects on a trap", async () => {
    router.addressList.load([]);
    const connection = await open(server.port);
    const [added] = await connection.getCommandPromise("/ip/firewall/address-list/add", { "=list": "odd", "=address": "10.3.3.3" });
    expect(added?.ret).toMatch(/^\*[0-9A-F]+$/);
    await expect(connection.getCommandPromise("/ip/firewall/address-list/remove", { "=.id": "*FFFF" })).rejects.toBeTruthy();
    await connection.getCommandPromise("/ip/firewall/address-list/remove", { "=.id": added?.ret as string });
    expect(router.addressList.rows).toEqual([]);
    connection.close();
  });

  it("speaks API-SSL with a certificate and with anonymous DH", async () => {
    const pinned = await open(server.tlsPort as number, "secret", { ca: server.certificatePem, servername: "localhost" });
    expect(await pinned.getCommandPromise("/system/identity/print")).toEqual([{ name: "gw-test" }]);
    const anonymous = await open(anonServer.tlsPort as number, "secret", {
      ciphers: "ADH-AES256-GCM-SHA384:@SECLEVEL=0",
      maxVersion: "TLSv1.2",
    });
    expect(await anonymous.getCommandPromise("/system/identity/print")).toEqual([{ name: "gw-test" }]);
    // Not closed with /quit: mikronode-ng writes its own TLS teardown after destroying the socket
    // (an uncaught ECONNRESET inside the library); the server's close() ends these sessions instead.
  });
});
