import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy, PEER_HEADER } from "./client-address";

const headers = (h: Record<string, string>) => new Headers(h);
const trust = (value: string) => {
  const parsed = parseTrustProxy(value);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.list;
};

describe("clientAddress", () => {
  it("uses the socket address and ignores forwarded headers when no proxy is trusted", () => {
    expect(
      clientAddress({ headers: headers({ [PEER_HEADER]: "::ffff:203.0.113.7", "x-forwarded-for": "1.2.3.4" }), trustProxy: null }),
    ).toBe("203.0.113.7");
    expect(clientAddress({ headers: headers({ "x-forwarded-for": "1.2.3.4" }), trustProxy: null })).toBe("unknown");
  });

  it("believes x-forwarded-for only from a trusted proxy, and only its right-most untrusted hop", () => {
    const list = trust("loopback,10.0.0.0/8");
    const via = (peer: string, xff: string) =>
      clientAddress({ headers: headers({ [PEER_HEADER]: peer, "x-forwarded-for": xff }), trustProxy: list });
    expect(via("127.0.0.1", "198.51.100.9")).toBe("198.51.100.9");
    // The client claimed 1.2.3.4; the proxy appended what it saw.
    expect(via("127.0.0.1", "1.2.3.4, 198.51.100.9, 10.1.1.1")).toBe("198.51.100.9");
    expect(via("203.0.113.7", "1.2.3.4")).toBe("203.0.113.7"); // not a trusted proxy
  });

  it("rejects a TRUST_PROXY it cannot read", () => {
    expect(parseTrustProxy("10.0.0.0/33")).toMatchObject({ error: expect.stringContaining("bad prefix") });
    expect(parseTrustProxy("proxy.example")).toMatchObject({ error: expect.stringContaining("not an IP address") });
    expect(parseTrustProxy("")).toMatchObject({ entries: [] });
  });
});
