// Connections that hold an API slot without doing their part: one that never logs in, and one that
// stops half-way through a sentence, are closed on the router's clock; a logged-in session that is
// merely quiet stays open (docs/routeros-sessions.md says what this relies on).

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Fleet } from "@/sim/fleet";
import { encodeSentence } from "@/sim/protocol/word-codec";
import { rawConnect, rawLogin, type RawClient } from "../sim-protocol/raw-client";

let fleet: Fleet;
const clients: RawClient[] = [];

beforeAll(async () => {
  fleet = await Fleet.start({
    seed: 4,
    routers: [
      { name: "gw", version: "7.19", clients: 0, listVisibilityDelayMs: 0 },
      { name: "patient", version: "7.19", clients: 0, listVisibilityDelayMs: 0, apiTimeouts: { loginMs: 0, sentenceMs: 0 } },
    ],
    serve: { basePort: 0 },
  });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => fleet?.close());

const track = (client: RawClient): RawClient => (clients.push(client), client);
const sessions = (name: string) => fleet.truth(name).sessions;

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("idle and stuck API connections", () => {
  it("closes a connection that does not log in within 60 s, and frees its slot", async () => {
    const r = fleet.get("gw");
    const silent = track(await rawConnect(r.apiPort!));
    await until(() => sessions("gw").byService.api.open === 1);
    fleet.advance(59_000);
    silent.send(["/system/identity/print"]); // not a login: the clock keeps running
    expect((await silent.untilDone())[0]).toEqual(["!trap", "=message=not logged in"]);
    fleet.advance(1_000);
    await silent.closed;
    await until(() => sessions("gw").byService.api.open === 0);
    expect(sessions("gw").byService.api.timedOutTotal).toBe(1);
  });

  it("closes a logged-in session that stalls half-way through a sentence for 60 s", async () => {
    const r = fleet.get("gw");
    const stuck = track(await rawLogin(r.apiPort!, r.user, r.password));
    const sentence = encodeSentence(["/ip/firewall/address-list/print", "?list=odd"]);
    stuck.sendBytes(sentence.subarray(0, 10));
    await until(() => sessions("gw").loggedIn === 1);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the partial bytes arrive
    fleet.advance(30_000);
    stuck.sendBytes(sentence.subarray(10, 20)); // progress restarts the wait
    await new Promise((resolve) => setTimeout(resolve, 20));
    fleet.advance(45_000);
    expect(stuck.socket.destroyed).toBe(false);
    fleet.advance(60_000); // past 60 s from the last chunk even if it reached the router late
    await stuck.closed;
    await until(() => sessions("gw").open === 0);
    expect(sessions("gw")).toMatchObject({ loggedIn: 0, timedOutTotal: 2 });
  });

  it("keeps a quiet logged-in session for hours", async () => {
    const r = fleet.get("gw");
    const quiet = track(await rawLogin(r.apiPort!, r.user, r.password));
    fleet.advance(6 * 3_600_000);
    quiet.send(["/system/identity/print"]);
    expect((await quiet.untilDone()).at(-1)).toEqual(["!done"]);
  });

  it("waits forever when the fleet file sets both timeouts to 0", async () => {
    const r = fleet.get("patient");
    const silent = track(await rawConnect(r.apiPort!));
    silent.sendBytes(encodeSentence(["/login", "=name=x"]).subarray(0, 5));
    await until(() => sessions("patient").open === 1);
    fleet.advance(24 * 3_600_000);
    silent.sendBytes(encodeSentence(["/login", "=name=x"]).subarray(5));
    expect((await silent.read(2))[0]).toEqual(["!trap", "=message=invalid user name or password (6)"]);
  });
});
