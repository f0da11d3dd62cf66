import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fleet } from "@/sim/fleet";
import {
  RouterAuthFailedError,
  RouterSessionManager,
  RouterTimeoutError,
  RouterTrapError,
  RouterUnreachableError,
  readAddressList,
  readSystemIdentity,
  type RouterSession,
} from "@/lib/routeros";
import { waitFor } from "../../support/worker-process";
import { sessionFor, startFleet } from "./helpers";

let fleet: Fleet;
const open: RouterSession[] = [];
const track = (s: RouterSession): RouterSession => (open.push(s), s);

beforeAll(async () => {
  fleet = await startFleet([
    { name: "old", version: "6.40" },
    { name: "v6", version: "6.49" },
    { name: "v7", version: "7.19" },
    { name: "faulty", version: "7.19" },
  ]);
  fleet.advance(30_000);
});

afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  await fleet?.close();
});

describe("session against simulated routers", () => {
  it.for([
    ["old", "6.40.9 (bugfix)", "v6"],
    ["v6", "6.49.10 (long-term)", "v6"],
    ["v7", "7.19.1 (stable)", "v7"],
  ] as [string, string, string][])("logs in once on %s and keeps the session across polls", async ([name, raw, routing]) => {
    const router = fleet.get(name);
    const before = router.router.logins;
    const session = track(sessionFor(router));
    const version = await session.connect();
    expect(version).toMatchObject({ raw, routing });
    for (let i = 0; i < 5; i++) expect((await readSystemIdentity({ client: session })).name).toBe(name);
    expect(router.router.logins - before).toBe(1);
    expect(session.wireStats()).toMatchObject({ connects: 1, commands: 6 });
  });

  it("reads an empty list on 7.18+ (!empty) as [] and the process lives on", async () => {
    const session = track(sessionFor(fleet.get("v7")));
    await expect(readAddressList({ client: session, list: "no-such-list" })).resolves.toEqual([]);
    await expect(readSystemIdentity({ client: session })).resolves.toEqual({ name: "v7" });
  });

  it("reports a trap with its message and keeps the session", async () => {
    const session = track(sessionFor(fleet.get("v6")));
    const error = await session.run(["/no/such/menu/print"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterTrapError);
    expect((error as RouterTrapError).trapMessage).toMatch(/no such command/);
    await expect(readSystemIdentity({ client: session })).resolves.toEqual({ name: "v6" });
  });

  it("survives node-routeros' keep-alive on an idle session", async () => {
    const router = fleet.get("v7");
    const before = router.router.logins;
    const session = track(sessionFor(router, { keepaliveSeconds: 1 }));
    await session.connect();
    // Several `#` keep-alives, well past the 2 s socket idle timeout (wide margins for a busy machine).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await expect(readSystemIdentity({ client: session })).resolves.toEqual({ name: "v7" });
    expect(router.router.logins - before).toBe(1);
    expect(session.state).toBe("connected");
  });

  it("types a wrong password as auth failed", async () => {
    const session = track(sessionFor(fleet.get("v6"), { password: "wrong" }));
    await expect(session.connect()).rejects.toBeInstanceOf(RouterAuthFailedError);
    expect(session.state).toBe("backoff");
  });

  it("types a refused connection as unreachable", async () => {
    const session = track(sessionFor(fleet.get("v6"), { port: 1 }));
    const error = await session.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterUnreachableError);
    expect((error as Error).message).toContain("ECONNREFUSED");
  });

  it("reconnects after the connection drops mid-reply", async () => {
    const router = fleet.get("faulty");
    const session = track(sessionFor(router, { retryLostReads: false }));
    await session.connect();
    fleet.fault("faulty", { dropMidReply: true });
    await expect(readAddressList({ client: session, list: "odd" })).rejects.toBeInstanceOf(RouterUnreachableError);
    fleet.fault("faulty", { dropMidReply: false }); // one drop is the test; the fault may not clear itself
    const entries = await readAddressList({ client: session, list: "odd" });
    expect(entries.map((e) => e.address).sort()).toEqual([...(fleet.truth("faulty").lists.odd ?? [])].sort());
    expect(session.wireStats().connects).toBe(2);
  });

  it("reconnects after the router cuts every session (reboot-like)", async () => {
    const router = fleet.get("faulty");
    const session = track(sessionFor(router));
    await session.connect();
    router.server?.dropSessions();
    await waitFor(async () => session.state !== "connected", { timeoutMs: 10_000, what: "the session to notice the cut" });
    await expect(readSystemIdentity({ client: session })).resolves.toEqual({ name: "faulty" });
    expect(session.wireStats().connects).toBe(2);
  });

  it("times out on a slow router, drops the stalled connection, and recovers", async () => {
    // Answers come 20 s late, far past the 2 s timeout, so the timeouts happen however busy the machine is.
    const session = track(sessionFor(fleet.get("faulty"), { commandTimeoutMs: 2_000, maxConsecutiveTimeouts: 2 }));
    await session.connect();
    fleet.fault("faulty", { slowMs: 20_000 });
    try {
      await expect(readSystemIdentity({ client: session })).rejects.toBeInstanceOf(RouterTimeoutError);
      await expect(readSystemIdentity({ client: session })).rejects.toBeInstanceOf(RouterTimeoutError);
      expect(session.state).not.toBe("connected");
    } finally {
      fleet.fault("faulty", { slowMs: 0 });
    }
    await expect(readSystemIdentity({ client: session })).resolves.toEqual({ name: "faulty" });
  });

  it("a router that accepts the connection but never answers the login has timed out (slow), not unreachable", async () => {
    const session = track(sessionFor(fleet.get("faulty"), { connectTimeoutMs: 300 }));
    fleet.fault("faulty", { unreachable: true });
    try {
      const error = await session.connect().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RouterTimeoutError);
      expect((error as Error).message).toMatch(/^router timed out after 300 ms \(127\.0\.0\.1:\d+ \/login\)$/);
    } finally {
      fleet.fault("faulty", { unreachable: false });
    }
  });

  it("bounds commands in flight per router", async () => {
    const session = track(sessionFor(fleet.get("v6"), { maxInFlight: 2 }));
    await session.connect();
    const results = await Promise.all(Array.from({ length: 12 }, () => readSystemIdentity({ client: session })));
    expect(results).toHaveLength(12);
  });

  it("keeps one session per router id and recreates it when settings change", async () => {
    const router = fleet.get("v6");
    const manager = new RouterSessionManager({ commandTimeoutMs: 3_000 });
    const settings = { host: "127.0.0.1", port: router.apiPort, user: router.user, password: router.password };
    const a = manager.get("r1", settings);
    expect(manager.get("r1", { ...settings })).toBe(a);
    await readSystemIdentity({ client: a });
    const b = manager.get("r1", { ...settings, password: "changed" });
    expect(b).not.toBe(a);
    expect(a.state).toBe("closed"); // closing starts when the settings change
    await expect(readSystemIdentity({ client: b })).rejects.toBeInstanceOf(RouterAuthFailedError);
    await manager.closeAll();
    expect(manager.size).toBe(0);
  });
});
