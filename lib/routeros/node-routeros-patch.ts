import { createRequire } from "node:module";
import { Channel } from "node-routeros";
import { log } from "@/lib/log";

// node-routeros 1.6.9 throws UNKNOWNREPLY from inside the socket's data handler when a reply word is
// not !re/!done/!trap, which kills the process on RouterOS 7.18+'s `!empty`. We wrap that one method,
// Channel.prototype.processPacket, at load time. Why this and not patch-package: docs/adr/0003.

/** Versions whose Channel.processPacket we have read and tested this wrap against. */
export const TESTED_NODE_ROUTEROS_VERSIONS = ["1.6.9"] as const;

/** Set on a channel's trap payload when the "trap" is our translation of an unknown reply word. */
export const UNKNOWN_REPLY_KEY = ".wanscope-unknown-reply";

export type PatchStatus = { applied: boolean; libraryVersion: string; tested: boolean; reason: string };

type Packet = string[];
type ChannelInternals = { processPacket(packet: Packet): void; emit(event: string, ...args: unknown[]): boolean; trapped: boolean };
const MARK = Symbol.for("wanscope.node-routeros.empty-reply-patch");
const KNOWN_REPLIES = new Set(["!re", "!done", "!trap"]);

let status: PatchStatus | undefined;

function libraryVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require("node-routeros/package.json") as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}

function wrap(original: (this: ChannelInternals, packet: Packet) => void) {
  return function processPacket(this: ChannelInternals, packet: Packet): void {
    const reply = packet[0];
    // `!empty` carries no rows; the `!done` that follows resolves the command with [].
    if (reply === "!empty") return;
    if (reply !== undefined && !KNOWN_REPLIES.has(reply)) {
      // Any other unknown word fails this one command instead of throwing in the data handler.
      this.trapped = true;
      this.emit("trap", { message: `unknown reply ${reply.slice(0, 40)}`, [UNKNOWN_REPLY_KEY]: reply.slice(0, 40) });
      return;
    }
    original.call(this, packet);
  };
}

/** Idempotent; called when lib/routeros is loaded. */
export function installEmptyReplyPatch(): PatchStatus {
  if (status) return status;
  const version = libraryVersion();
  const tested = (TESTED_NODE_ROUTEROS_VERSIONS as readonly string[]).includes(version);
  const proto = Channel.prototype as unknown as ChannelInternals & { [MARK]?: true };
  if (proto[MARK]) {
    status = { applied: true, libraryVersion: version, tested, reason: "already installed" };
  } else if (typeof proto.processPacket !== "function") {
    status = { applied: false, libraryVersion: version, tested, reason: "Channel.prototype.processPacket not found" };
  } else {
    proto.processPacket = wrap(proto.processPacket);
    proto[MARK] = true;
    status = { applied: true, libraryVersion: version, tested, reason: tested ? "tested version" : "untested version, shape matches" };
  }
  if (!status.applied || !tested) log.warn({ event: "routeros.patch.check", ...status }, "node-routeros !empty patch needs review");
  return status;
}
