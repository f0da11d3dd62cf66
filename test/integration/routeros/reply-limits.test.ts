import { afterEach, describe, expect, it } from "vitest";
import { pino } from "pino";
import { RouterFatalError, RouterProtocolError, RouterSession } from "../../../lib/routeros";
import { startRawRouter, writeHugeWord, type RawScript } from "./raw-router";

// Replies the simulator never sends, from a raw TCP server on 127.0.0.1: a 64 MiB word, a reply over
// its command's limit, malformed framing and `!fatal`. Each fails the command with an error that says
// what happened, at once rather than at a timeout, and memory does not follow what the router sends.
const quiet = pino({ level: "silent" });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function routerWith(script: RawScript, options: { replyLimits?: { maxReplyBytes: number } } = {}) {
  const raw = await startRawRouter(script);
  // A long timeout: every failure below must come from the reply itself, never from waiting.
  const session = new RouterSession({
    host: "127.0.0.1",
    port: raw.port,
    user: "u",
    password: "p",
    commandTimeoutMs: 20_000,
    connectTimeoutMs: 20_000,
    logger: quiet,
    ...options,
  });
  cleanups.push(async () => {
    await session.close();
    await raw.close();
  });
  return { raw, session };
}

const identity: RawScript = (request, reply) => {
  if (request.command !== "/system/identity/print") return;
  reply.sentence(["!re", "=name=raw"]);
  reply.sentence(["!done"]);
};

describe("reply limits", () => {
  it("a 64 MiB word fails its command from the length prefix, without reading the word; the next command reconnects", async () => {
    const { raw, session } = await routerWith(async (request, reply) => {
      if (request.command === "/ip/firewall/address-list/print") {
        reply.socket.write(Buffer.concat([Buffer.from([3]), Buffer.from("!re", "latin1")]));
        await writeHugeWord(reply.socket, { bytes: 64 * 1024 * 1024, prefix: "=comment=" });
      } else identity(request, reply);
    });
    await session.connect();
    const before = process.memoryUsage();
    const error = await session.run(["/ip/firewall/address-list/print", "?list=odd"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterProtocolError);
    expect((error as Error).message).toMatch(/^reply word of 64 MiB is over the 1 MiB limit/);
    // The word was refused, not buffered: the server could not even push a quarter of it.
    expect(raw.written()).toBeLessThan(16 * 1024 * 1024);
    const after = process.memoryUsage();
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(32 * 1024 * 1024);
    expect(await session.run(["/system/identity/print"])).toEqual([{ name: "raw" }]);
  });

  it("a reply over its command's limit fails that command only; the session keeps working", async () => {
    const { session } = await routerWith(
      (request, reply) => {
        if (request.command === "/ip/firewall/address-list/print") {
          for (let i = 0; i < 100; i++) reply.sentence(["!re", `=.id=*${i}`, `=comment=${"x".repeat(10_000)}`]);
          reply.sentence(["!done"]);
        } else identity(request, reply);
      },
      { replyLimits: { maxReplyBytes: 256 * 1024 } },
    );
    const error = await session.run(["/ip/firewall/address-list/print"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterProtocolError);
    expect((error as Error).message).toBe("reply over the 256 KiB limit: /ip/firewall/address-list/print");
    expect(await session.run(["/system/identity/print"])).toEqual([{ name: "raw" }]);
    expect(session.wireStats().connects).toBe(1);
  });

  it("malformed framing is a protocol error that says what was wrong, not a timeout", async () => {
    const { session } = await routerWith((request, reply) => {
      if (request.command === "/interface/print") reply.socket.write(Buffer.from([0xf8, 0x01, 0x02]));
      else if (request.command === "/ip/route/print") reply.sentence(["garbage", "=x=1"]);
      else identity(request, reply);
    });
    const framing = await session.run(["/interface/print"]).catch((e: unknown) => e);
    expect(framing).toBeInstanceOf(RouterProtocolError);
    expect((framing as Error).message).toMatch(/^malformed reply: 0xf8 is not a word length/);
    const noReplyWord = await session.run(["/ip/route/print"]).catch((e: unknown) => e);
    expect(noReplyWord).toBeInstanceOf(RouterProtocolError);
    expect((noReplyWord as Error).message).toMatch(/^malformed reply: a sentence starts with "garbage", not a reply word/);
  });

  it("a !fatal fails the command with RouterOS's own message", async () => {
    const { session } = await routerWith((request, reply) => {
      if (request.command !== "/system/identity/print") return;
      reply.socket.write(encodeFatal("session terminated on request"));
      reply.socket.end();
    });
    const error = await session.run(["/system/identity/print"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterFatalError);
    expect((error as Error).message).toMatch(/^router ended the session \(!fatal\): session terminated on request/);
  });
});

function encodeFatal(message: string): Buffer {
  const word = (w: string) => Buffer.concat([Buffer.from([w.length]), Buffer.from(w, "latin1")]);
  return Buffer.concat([word("!fatal"), word(message), Buffer.from([0])]);
}
