// A bare TCP client for wire-level checks (byte-exact replies, bad input) that no library would
// send. Framing comes from the codec under test, so fidelity is proven by the third-party client
// suites beside this file, not by this helper.

import { connect, type Socket } from "node:net";
import { encodeSentence, SentenceDecoder } from "@/sim/protocol/word-codec";

export type RawClient = {
  socket: Socket;
  send(words: string[]): void;
  sendBytes(bytes: Buffer): void;
  /** Next `count` sentences (rejects on close or timeout). */
  read(count?: number, timeoutMs?: number): Promise<string[][]>;
  /** Sentences up to and including the `!done` (or `!fatal`) for `tag` (or the first untagged one). */
  untilDone(tag?: string, timeoutMs?: number): Promise<string[][]>;
  closed: Promise<void>;
  close(): void;
};

export async function rawConnect(port: number): Promise<RawClient> {
  const socket = connect({ host: "127.0.0.1", port });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.on("error", () => {});
  const decoder = new SentenceDecoder();
  const inbox: string[][] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  socket.on("data", (chunk: Buffer) => {
    inbox.push(...decoder.push(chunk));
    wake?.();
  });
  const closed = new Promise<void>((resolve) =>
    socket.once("close", () => {
      ended = true;
      wake?.();
      resolve();
    }),
  );

  const next = async (timeoutMs: number): Promise<string[]> => {
    const deadline = Date.now() + timeoutMs;
    while (inbox.length === 0) {
      if (ended) throw new Error("connection closed");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a sentence");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    return inbox.shift() as string[];
  };

  return {
    socket,
    closed,
    send: (words) => socket.write(encodeSentence(words)),
    sendBytes: (bytes) => socket.write(bytes),
    async read(count = 1, timeoutMs = 2000) {
      const out: string[][] = [];
      for (let index = 0; index < count; index += 1) out.push(await next(timeoutMs));
      return out;
    },
    async untilDone(tag, timeoutMs = 5000) {
      const out: string[][] = [];
      for (;;) {
        const sentence = await next(timeoutMs);
        out.push(sentence);
        const tagged = sentence.includes(`.tag=${tag}`) || (tag === undefined && !sentence.some((w) => w.startsWith(".tag=")));
        if ((sentence[0] === "!done" && tagged) || sentence[0] === "!fatal") return out;
      }
    },
    close: () => socket.destroy(),
  };
}

/** Logs in with the post-6.43 form and returns the client. */
export async function rawLogin(port: number, user = "admin", password = "secret"): Promise<RawClient> {
  const client = await rawConnect(port);
  client.send(["/login", `=name=${user}`, `=password=${password}`]);
  const [reply] = await client.read();
  if (reply?.[0] !== "!done") throw new Error(`login failed: ${JSON.stringify(reply)}`);
  return client;
}
