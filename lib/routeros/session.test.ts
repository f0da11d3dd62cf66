import { afterEach, describe, expect, it, vi } from "vitest";
import { RouterOSAPI } from "node-routeros";
import { pino } from "pino";
import { RouterSession } from "./session";

// Failures inside node-routeros' own connect(), before any socket exists.
describe("RouterSession.connect when node-routeros opens no connection", () => {
  afterEach(() => vi.restoreAllMocks());

  it("fails the connect with a typed error and leaves no unhandled rejection", async () => {
    // What node-routeros 1.6.9 answers when asked to connect while it is already connecting.
    vi.spyOn(RouterOSAPI.prototype, "connect").mockImplementation(() => Promise.reject("ALRDYCONNECTING"));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const session = new RouterSession({ host: "127.0.0.1", port: 1, user: "u", password: "p", logger: pino({ level: "silent" }) });
      await expect(session.connect()).rejects.toMatchObject({
        code: "router_protocol",
        message: "node-routeros did not open a connection: ALRDYCONNECTING",
      });
      // An unhandled rejection is reported after the microtask queue drains.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      await session.close();
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
