// A minimal RouterOS API client for the simulator benchmarks: one write per request, TCP_NODELAY,
// one request in flight (as a poller's session does). It measures the server, not a library's parser.

import { connect } from "node:net";
import { encodeSentence, SentenceDecoder } from "../sim/protocol/word-codec";

export type RawReply = { rows: number; ret: string | undefined; trap: string | undefined };

export type RawSession = { call(words: string[]): Promise<RawReply>; close(): void };

export async function rawSession({ port, user, password }: { port: number; user: string; password: string }): Promise<RawSession> {
  const socket = connect({ host: "127.0.0.1", port });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.setNoDelay(true);
  const decoder = new SentenceDecoder();
  let waiting: { resolve: (reply: RawReply) => void; reject: (error: Error) => void } | undefined;
  let reply: RawReply = { rows: 0, ret: undefined, trap: undefined };
  socket.on("error", (error) => waiting?.reject(error));
  socket.on("close", () => waiting?.reject(new Error("connection closed")));
  socket.on("data", (chunk: Buffer) => {
    for (const sentence of decoder.push(chunk)) {
      const word = sentence[0];
      if (word === "!re") reply.rows += 1;
      else if (word === "!trap") reply.trap = sentence.find((w) => w.startsWith("=message="))?.slice(9) ?? "trap";
      else if (word === "!done") {
        reply.ret = sentence.find((w) => w.startsWith("=ret="))?.slice(5);
        const done = waiting;
        waiting = undefined;
        const finished = reply;
        reply = { rows: 0, ret: undefined, trap: undefined };
        done?.resolve(finished);
      }
    }
  });
  const call = (words: string[]): Promise<RawReply> =>
    new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      socket.write(encodeSentence(words));
    });
  const login = await call(["/login", `=name=${user}`, `=password=${password}`]);
  if (login.trap !== undefined) throw new Error(`login failed: ${login.trap}`);
  return { call, close: () => socket.destroy() };
}
