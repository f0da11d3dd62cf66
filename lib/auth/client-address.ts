import { BlockList, isIP } from "node:net";

// The client address that sign-in throttling keys on. Route handlers see no socket, and Next.js fills
// x-forwarded-for with the socket address only when the client sent none, so a client could pick its
// own. The web process therefore stamps every request with its socket's address (PEER_HEADER,
// overwriting whatever the client sent); forwarded headers count only when that peer is a proxy
// listed in TRUST_PROXY.

export const PEER_HEADER = "x-wanscope-peer";

const normalize = (address: string): string => (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/** TRUST_PROXY: empty (no proxy), "loopback", or addresses and CIDR ranges separated by commas. */
export function parseTrustProxy(value: string): { list: BlockList; entries: string[] } | { error: string } {
  const list = new BlockList();
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (entry === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [address = "", bits] = entry.split("/");
    const family = isIP(address);
    if (family === 0) return { error: `"${entry}" is not an IP address, a CIDR range or "loopback"` };
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
        return { error: `"${entry}" has a bad prefix length` };
      list.addSubnet(address, prefix, type);
    }
  }
  return { list, entries };
}

const trusted = (list: BlockList, address: string): boolean => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
};

/**
 * The socket peer, or, when the peer is a trusted proxy, the nearest x-forwarded-for hop that is not
 * itself a trusted proxy (the right-most untrusted one: hops further left are the client's own claims).
 */
export function clientAddress(options: { headers: { get(name: string): string | null }; trustProxy: BlockList | null }): string {
  const peer = normalize(options.headers.get(PEER_HEADER)?.trim() ?? "");
  if (!peer) return "unknown";
  if (!options.trustProxy || !trusted(options.trustProxy, peer)) return peer;
  const hops = (options.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => normalize(h.trim()))
    .filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted(options.trustProxy, hops[i]!)) return hops[i]!;
  return hops[0] ?? peer;
}

const STAMPED = Symbol.for("wanscope.peer-address-stamp");

/** Called once in the web process (instrumentation.ts): every HTTP request carries its socket's address. */
export async function installPeerAddressStamp(): Promise<void> {
  const http = await import("node:http");
  const https = await import("node:https");
  for (const Server of [http.Server, https.Server] as Array<{ prototype: { emit(...args: unknown[]): boolean; [STAMPED]?: true } }>) {
    const proto = Server.prototype;
    if (proto[STAMPED]) continue;
    const emit = proto.emit;
    proto.emit = function stampedEmit(this: unknown, event: unknown, ...args: unknown[]): boolean {
      if (event === "request") {
        const req = args[0] as { headers: Record<string, unknown>; socket?: { remoteAddress?: string } };
        req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
      }
      return emit.call(this, event, ...args);
    };
    proto[STAMPED] = true;
  }
}
