import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { Channel } from "node-routeros";
import { log } from "@/lib/log";
import { DEFAULT_REPLY_LIMITS, formatBytes, ReplyDecoder, ReplyFramingError, type ReplyLimits } from "./reply-decoder";

// node-routeros 1.6.9 throws UNKNOWNREPLY from inside the socket's data handler when a reply word is
// not !re/!done/!trap, which kills the process on RouterOS 7.18+'s `!empty`. We wrap that one method,
// Channel.prototype.processPacket, at load time. Why this and not patch-package: docs/adr/0003.
// Its reader, Receiver.prototype.processRawData, is replaced by ours (reply-decoder.ts, docs/adr/0009):
// bounded words and replies, malformed streams and `!fatal` reported to the session as events.

/** Versions whose Channel.processPacket we have read and tested this wrap against. */
export const TESTED_NODE_ROUTEROS_VERSIONS = ["1.6.9"] as const;

/** Set on a channel's trap payload when the "trap" is our translation of an unknown reply word. */
export const UNKNOWN_REPLY_KEY = ".wanscope-unknown-reply";
/** Set on a channel's trap payload when its reply grew past the reply limit. */
export const OVERSIZED_REPLY_KEY = ".wanscope-oversized-reply";
/** Emitted on the socket, with a ReplyFramingError, just before the reader destroys it. */
export const REPLY_ERROR_EVENT = "wanscope:reply-error";
/** Emitted on the socket, with RouterOS's message, when a `!fatal` arrives (the router closes next). */
export const FATAL_EVENT = "wanscope:fatal";
/** The property of a connector's receiver that holds its limits (the session sets it per connection). */
export const LIMITS_KEY = Symbol.for("wanscope.node-routeros.reply-limits");

export type PatchStatus = { applied: boolean; libraryVersion: string; tested: boolean; reason: string; readerReplaced: boolean };

type Packet = string[];
type ChannelInternals = { processPacket(packet: Packet): void; emit(event: string, ...args: unknown[]): boolean; trapped: boolean };
const MARK = Symbol.for("wanscope.node-routeros.empty-reply-patch");
const READER_MARK = Symbol.for("wanscope.node-routeros.reader-patch");
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

type ReceiverInternals = {
  socket: Socket;
  tags: Map<string, { callback(packet: string[]): void }>;
  [LIMITS_KEY]?: ReplyLimits;
  wanscope?: { decoder: ReplyDecoder; replyBytes: Map<string, number>; oversized: Set<string>; failed: boolean };
};

function reader(self: ReceiverInternals, decode: (bytes: Buffer) => string) {
  if (!self.wanscope) {
    const limits = self[LIMITS_KEY] ?? DEFAULT_REPLY_LIMITS;
    self.wanscope = { decoder: new ReplyDecoder({ limits, decode }), replyBytes: new Map(), oversized: new Set(), failed: false };
  }
  return self.wanscope;
}

/** One complete sentence: route it to its command by `.tag`, count its bytes against the reply limit. */
function dispatch(self: ReceiverInternals, words: string[]): void {
  const state = self.wanscope!;
  const tagWord = words.find((w) => w.startsWith(".tag="));
  const packet = words.filter((w) => w !== tagWord);
  const reply = packet[0] ?? "";
  if (!reply.startsWith("!"))
    throw new ReplyFramingError(`malformed reply: a sentence starts with "${reply.slice(0, 40)}", not a reply word`);
  if (reply === "!fatal") {
    self.socket.emit(FATAL_EVENT, packet.slice(1).join(" "));
    state.failed = true;
    self.socket.emit("fatal"); // node-routeros closes the connection on this
    return;
  }
  const tag = tagWord?.slice(5);
  const target = tag === undefined ? undefined : self.tags.get(tag);
  if (tag === undefined || !target) return; // a late reply to a cancelled command, or an untagged one: nobody waits for it
  const limit = (self[LIMITS_KEY] ?? DEFAULT_REPLY_LIMITS).maxReplyBytes;
  const final = reply === "!done" || reply === "!trap";
  if (state.oversized.has(tag)) {
    if (reply === "!done") {
      state.oversized.delete(tag);
      target.callback(packet);
    }
    return;
  }
  const bytes = (state.replyBytes.get(tag) ?? 0) + words.reduce((n, w) => n + w.length, 0);
  if (bytes > limit) {
    state.replyBytes.delete(tag);
    state.oversized.add(tag);
    target.callback(["!trap", `=message=reply over the ${formatBytes(limit)} limit`, `=${OVERSIZED_REPLY_KEY}=1`]);
    return;
  }
  if (final) state.replyBytes.delete(tag);
  else state.replyBytes.set(tag, bytes);
  target.callback(packet);
}

function replaceReader(): boolean {
  const require = createRequire(import.meta.url);
  let Receiver: { prototype: ReceiverInternals & { processRawData(data: Buffer): void; [READER_MARK]?: true } } | undefined;
  let decodeWin1252: ((bytes: Buffer) => string) | undefined;
  try {
    Receiver = (require("node-routeros/dist/connector/Receiver.js") as { Receiver?: NonNullable<typeof Receiver> }).Receiver;
    // node-routeros reads and writes win1252 through iconv-lite; decoding the same way keeps words identical.
    const iconv = createRequire(require.resolve("node-routeros"))("iconv-lite") as { decode(b: Buffer, enc: string): string };
    decodeWin1252 = (bytes) => iconv.decode(bytes, "win1252");
  } catch {
    return false;
  }
  if (!Receiver || typeof Receiver.prototype.processRawData !== "function" || !decodeWin1252) return false;
  if (Receiver.prototype[READER_MARK]) return true;
  const decode = decodeWin1252;
  Receiver.prototype.processRawData = function processRawData(this: ReceiverInternals, data: Buffer): void {
    const state = reader(this, decode);
    if (state.failed) return;
    try {
      for (const sentence of state.decoder.push(data)) {
        dispatch(this, sentence);
        if (state.failed) return;
      }
    } catch (error) {
      state.failed = true;
      const framing = error instanceof ReplyFramingError ? error : new ReplyFramingError(`reply could not be read: ${String(error)}`);
      this.socket.emit(REPLY_ERROR_EVENT, framing);
      this.socket.destroy();
    }
  };
  Receiver.prototype[READER_MARK] = true;
  return true;
}

/** Idempotent; called when lib/routeros is loaded. */
export function installEmptyReplyPatch(): PatchStatus {
  if (status) return status;
  const version = libraryVersion();
  const tested = (TESTED_NODE_ROUTEROS_VERSIONS as readonly string[]).includes(version);
  const proto = Channel.prototype as unknown as ChannelInternals & { [MARK]?: true };
  const readerReplaced = replaceReader();
  if (proto[MARK]) {
    status = { applied: true, libraryVersion: version, tested, reason: "already installed", readerReplaced };
  } else if (typeof proto.processPacket !== "function") {
    status = { applied: false, libraryVersion: version, tested, reason: "Channel.prototype.processPacket not found", readerReplaced };
  } else {
    proto.processPacket = wrap(proto.processPacket);
    proto[MARK] = true;
    status = {
      applied: true,
      libraryVersion: version,
      tested,
      reason: tested ? "tested version" : "untested version, shape matches",
      readerReplaced,
    };
  }
  if (!status.applied || !tested || !readerReplaced)
    log.warn({ event: "routeros.patch.check", ...status }, "node-routeros patch needs review");
  return status;
}
