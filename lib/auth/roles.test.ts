import { describe, expect, it } from "vitest";
import { hasRole } from "./roles";
import { sealSessionToken, unsealSessionToken } from "./session-token";

describe("roles", () => {
  it.each([
    ["viewer", "viewer", true],
    ["viewer", "operator", false],
    ["viewer", "admin", false],
    ["operator", "viewer", true],
    ["operator", "operator", true],
    ["operator", "admin", false],
    ["admin", "viewer", true],
    ["admin", "operator", true],
    ["admin", "admin", true],
  ] as const)("%s needs %s → %s", (role, needed, allowed) => {
    expect(hasRole({ role }, needed)).toBe(allowed);
  });
});

describe("session cookie", () => {
  const key = Buffer.alloc(32, 7);
  it("round-trips a token and refuses another key or a tampered seal", async () => {
    const token = "t".repeat(43);
    const sealed = await sealSessionToken({ token, secretKey: key });
    expect(sealed).not.toContain(token);
    expect(await unsealSessionToken({ cookie: sealed, secretKey: key })).toBe(token);
    expect(await unsealSessionToken({ cookie: sealed, secretKey: Buffer.alloc(32, 8) })).toBeNull();
    expect(await unsealSessionToken({ cookie: `${sealed.slice(0, -2)}xx`, secretKey: key })).toBeNull();
  });
});
