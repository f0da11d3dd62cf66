import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { encodeLength, encodeSentence, SentenceDecoder } from "../../../sim/protocol/word-codec";

// A tiny RouterOS API server on 127.0.0.1 for replies the simulator never sends: oversized words,
// malformed framing, `!fatal`. It answers login and the session's version read like RouterOS 7.19,
// then hands every other command to the test's script.

export type RawRequest = { command: string; tag: string; words: string[] };
export type RawScript = (request: RawRequest, reply: { socket: Socket; sentence(words: string[]): void }) => void | Promise<void>;

export async function startRawRouter(script: RawScript): Promise<{ port: number; written: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let written = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      written += socket.bytesWritten;
      sockets.delete(socket);
    });
    socket.on("error", () => {});
    const decoder = new SentenceDecoder();
    socket.on("data", (chunk: Buffer) => {
      for (const words of decoder.push(chunk)) {
        const command = words[0] ?? "";
        const tag = words.find((w) => w.startsWith(".tag="))?.slice(5) ?? "";
        const sentence = (reply: string[]) => socket.write(encodeSentence(tag ? [...reply, `.tag=${tag}`] : reply));
        if (command === "/login") sentence(["!done"]);
        else if (command === "/system/resource/print") {
          sentence(["!re", "=version=7.19 (stable)"]);
          sentence(["!done"]);
        } else if (command === "/cancel") sentence(["!done"]);
        else void script({ command, tag, words }, { socket, sentence });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    written: () => written + [...sockets].reduce((n, s) => n + s.bytesWritten, 0),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Write `bytes` of one word (its prefix first) in 1 MiB chunks, waiting for the socket to drain. */
export async function writeHugeWord(socket: Socket, options: { bytes: number; prefix: string }): Promise<void> {
  socket.write(encodeLength(options.bytes));
  socket.write(options.prefix, "latin1");
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  let left = options.bytes - options.prefix.length;
  while (left > 0 && !socket.destroyed) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= part.length;
    if (!socket.write(part)) await new Promise<void>((resolve) => (socket.once("drain", resolve), socket.once("close", resolve)));
  }
}
