import { describe, expect, it } from "vitest";
import { SessionLedger } from "./session-ledger";

describe("SessionLedger", () => {
  it("admits up to max-sessions connections per service and refuses the next", () => {
    const ledger = new SessionLedger({ api: { maxSessions: 2 } });
    expect([ledger.admit("api"), ledger.admit("api"), ledger.admit("api")]).toEqual([true, true, false]);
    expect(ledger.admit("api-ssl")).toBe(true);
    ledger.release("api");
    expect(ledger.admit("api")).toBe(true);
    expect(ledger.counts()).toMatchObject({
      open: 3,
      refusedTotal: 1,
      byService: { api: { open: 2, maxSessions: 2 }, "api-ssl": { open: 1, maxSessions: 20 } },
    });
  });

  it("keeps open sessions when the limit is lowered, and refuses everything while disabled", () => {
    const ledger = new SessionLedger();
    for (let i = 0; i < 5; i++) ledger.admit("api");
    ledger.configure("api", { maxSessions: 2 });
    expect(ledger.counts().byService.api.open).toBe(5);
    expect(ledger.admit("api")).toBe(false);
    ledger.configure("api-ssl", { disabled: true });
    expect(ledger.admit("api-ssl")).toBe(false);
  });

  it("counts logins and logouts", () => {
    const ledger = new SessionLedger();
    ledger.login("api");
    ledger.login("api-ssl");
    ledger.logout("api");
    expect(ledger.counts()).toMatchObject({ loggedIn: 1, loginsTotal: 2, logoutsTotal: 1 });
  });
});
