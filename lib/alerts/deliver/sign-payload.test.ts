import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./sign-payload";

const now = new Date("2026-03-01T12:00:00Z");
const ts = now.getTime() / 1000;

describe("webhook signatures", () => {
  it("is HMAC-SHA256 over timestamp.body, hex, with the sha256= prefix", () => {
    const expected = createHmac("sha256", "k").update(`${ts}.{"a":1}`).digest("hex");
    expect(signPayload({ secret: "k", body: '{"a":1}', timestampSec: ts })).toBe(`sha256=${expected}`);
  });

  it.each([
    { name: "valid", secret: "k", body: "b", sigTs: ts, headerTs: String(ts), expected: { ok: true } },
    { name: "wrong secret", secret: "other", body: "b", sigTs: ts, headerTs: String(ts), expected: { ok: false, reason: "bad_signature" } },
    {
      name: "timestamp swapped (replay with a new time)",
      secret: "k",
      body: "b",
      sigTs: ts - 10,
      headerTs: String(ts),
      expected: { ok: false, reason: "bad_signature" },
    },
    {
      name: "old timestamp",
      secret: "k",
      body: "b",
      sigTs: ts - 301,
      headerTs: String(ts - 301),
      expected: { ok: false, reason: "too_old" },
    },
    { name: "missing timestamp", secret: "k", body: "b", sigTs: ts, headerTs: undefined, expected: { ok: false, reason: "missing" } },
  ])("$name", ({ secret, body, sigTs, headerTs, expected }) => {
    const signature = signPayload({ secret: "k", body, timestampSec: sigTs });
    expect(verifySignature({ secret, body, signature, timestamp: headerTs, now })).toEqual(expected);
  });

  it("a changed body fails", () => {
    const signature = signPayload({ secret: "k", body: '{"state":"firing"}', timestampSec: ts });
    expect(verifySignature({ secret: "k", body: '{"state":"resolved"}', signature, timestamp: String(ts), now }).ok).toBe(false);
  });
});
