import { describe, expect, it } from "vitest";
import { challengeResponse, handleLogin, type LoginRouter } from "./login";
import type { LoginMode } from "./router-api";

const router = (mode: LoginMode, wrongPassword = false): LoginRouter => ({
  loginMode: () => mode,
  checkCredentials: (user, password) => user === "admin" && password === "secret",
  passwordOf: (user) => (user === "admin" ? "secret" : undefined),
  faults: () => ({ slowMs: 0, wrongPassword, dropMidReply: false, unreachable: false }),
});

const challengeThenRespond = (mode: LoginMode, password: string) => {
  const first = handleLogin({ router: router(mode), attributes: {}, pendingChallenge: undefined });
  if (first.kind !== "challenge") throw new Error("expected a challenge");
  return handleLogin({
    router: router(mode),
    attributes: { name: "admin", response: challengeResponse(password, first.challenge) },
    pendingChallenge: first.challenge,
  });
};

describe("handleLogin", () => {
  it("matches the md5 response librouteros computes", () => {
    // md5(0x00 + "secret" + 16 zero bytes), as librouteros.login.encode_password would produce
    expect(challengeResponse("secret", Buffer.alloc(16))).toMatch(/^00[0-9a-f]{32}$/);
  });

  it.each<[LoginMode, string, string]>([
    ["challenge", "secret", "accepted"],
    ["challenge", "wrong", "rejected"],
    ["plain-or-challenge", "secret", "accepted"],
    ["plain", "secret", "rejected"],
  ])("%s router, challenge login with %s → %s", (mode, password, kind) => {
    expect(challengeThenRespond(mode, password).kind).toBe(kind);
  });

  it("pre-6.43 answers a plain attempt with a challenge (how clients detect old routers)", () => {
    const outcome = handleLogin({
      router: router("challenge"),
      attributes: { name: "admin", password: "secret" },
      pendingChallenge: undefined,
    });
    expect(outcome.kind).toBe("challenge");
  });

  it.each<[LoginMode, string]>([
    ["plain", "invalid user name or password (6)"],
    ["plain-or-challenge", "invalid user name or password (6)"],
  ])("%s router rejects a wrong password as RouterOS words it", (mode, message) => {
    expect(handleLogin({ router: router(mode), attributes: { name: "admin", password: "nope" }, pendingChallenge: undefined })).toEqual({
      kind: "rejected",
      message,
    });
  });

  it("old routers say 'cannot log in'", () => {
    expect(challengeThenRespond("challenge", "nope")).toEqual({ kind: "rejected", message: "cannot log in" });
  });

  it("wrongPassword fault rejects correct credentials", () => {
    const outcome = handleLogin({
      router: router("plain", true),
      attributes: { name: "admin", password: "secret" },
      pendingChallenge: undefined,
    });
    expect(outcome.kind).toBe("rejected");
  });
});
