// One API connection: reassembles sentences, runs them one after another (so replies keep request
// order even when the router is slow), answers login, /cancel and /quit itself and hands menu
// commands to runCommand. Every failure stays inside this connection.

import type { Socket } from "node:net";
import { handleLogin } from "./login";
import { parseRequest, type ApiRequest } from "./parse-request";
import { ReplyEncoder } from "./reply-encoder";
import type { Row, RouterApi, Timer } from "./router-api";
import type { ServiceName } from "./session-ledger";
import { runCommand, type CommandReply, type Trap } from "./run-command";
import { CATEGORY_INTERRUPTED, FATAL_QUIT, TRAP } from "./trap-messages";
import { DEFAULT_MAX_WORD_BYTES, encodeSentence, SentenceDecoder } from "./word-codec";

export type Via = ServiceName;

// Before login RouterOS limits what it will buffer; a client has no business sending big words yet.
const PRE_LOGIN_LIMITS = { maxWordBytes: 64 * 1024, maxSentenceBytes: 256 * 1024 };
const LOGGED_IN_LIMITS = { maxWordBytes: DEFAULT_MAX_WORD_BYTES, maxSentenceBytes: 2 * DEFAULT_MAX_WORD_BYTES };
const HIGH_WATER_BYTES = 1024 * 1024;
const FLUSH_EVERY_ROWS = 512;

type RunningStream = {
  tag: string | undefined;
  tagWord: string | undefined;
  stop: () => void;
  stopped: boolean;
  /** rows emitted so far (a stream that sent none ends with !empty on 7.18+) */
  rows: number;
  /** rows encoded and not yet written: a burst (follow's current rows) goes out in a few writes */
  pending: ReplyEncoder;
  flushScheduled: boolean;
};

export class ApiSession {
  private readonly decoder = new SentenceDecoder(PRE_LOGIN_LIMITS);
  private queue: Promise<void> = Promise.resolve();
  private user: string | undefined;
  private challenge: Buffer | undefined;
  private readonly streams = new Set<RunningStream>();
  private closed = false;

  constructor(
    private readonly options: {
      socket: Socket;
      router: RouterApi;
      via: Via;
      /** Accepted while the router was unreachable: it never answers, like a dropped SYN would. */
      muted: boolean;
      onClose: (session: ApiSession) => void;
    },
  ) {
    const { socket } = options;
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", () => this.destroy());
    socket.on("close", () => this.finish());
    const timeouts = options.muted ? undefined : options.router.apiTimeouts?.();
    if (timeouts !== undefined && timeouts.loginTimeoutMs > 0) {
      this.loginTimer = timeouts.after(timeouts.loginTimeoutMs, () => {
        if (this.user === undefined) this.timedOut();
      });
    }
  }

  private loginTimer: Timer | undefined;
  private sentenceTimer: Timer | undefined;

  /** A connection that never logged in, or that stalled inside a sentence, is closed without a word. */
  private timedOut(): void {
    if (this.closed) return;
    this.router.sessions?.timedOut(this.options.via);
    this.destroy();
  }

  /** While a sentence is half-received, each chunk restarts the wait for the rest of it. */
  private watchSentence(): void {
    this.sentenceTimer?.cancel();
    this.sentenceTimer = undefined;
    if (!this.decoder.midSentence) return;
    const timeouts = this.router.apiTimeouts?.();
    if (timeouts === undefined || timeouts.sentenceTimeoutMs <= 0) return;
    this.sentenceTimer = timeouts.after(timeouts.sentenceTimeoutMs, () => this.timedOut());
  }

  /** Cuts the connection without a word (reboot, server close). */
  destroy(): void {
    this.options.socket.destroy();
    this.finish();
  }

  private get router(): RouterApi {
    return this.options.router;
  }

  private receive(chunk: Buffer): void {
    if (this.closed || this.options.muted) return;
    let sentences: string[][];
    try {
      sentences = this.decoder.push(chunk);
    } catch {
      this.destroy(); // bad prefix or oversized word: RouterOS drops the connection
      return;
    }
    this.watchSentence();
    for (const words of sentences) {
      if (this.router.faults().unreachable) continue; // as if the packet never arrived
      this.queue = this.queue.then(() => this.handle(words)).catch(() => this.destroy());
    }
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.loginTimer?.cancel();
    this.sentenceTimer?.cancel();
    for (const stream of this.streams) this.stopStream(stream);
    this.streams.clear();
    this.logout();
    this.options.onClose(this);
  }

  private async handle(words: string[]): Promise<void> {
    if (this.closed) return;
    const request = parseRequest(words);
    const { slowMs } = this.router.faults();
    if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs));
    if (this.closed || this.router.faults().unreachable) return;
    const tagWord = request.tag === undefined ? undefined : `.tag=${request.tag}`;

    if (request.command === "/quit") {
      this.logout();
      this.write(["!fatal", FATAL_QUIT]);
      this.options.socket.end();
      return;
    }
    if (request.command === "/login") return this.login(request, tagWord);
    if (this.user === undefined) return this.sendTraps(tagWord, [{ message: TRAP.notLoggedIn }]);
    if (request.command === "/cancel") return this.cancel(request, tagWord);

    const reply = runCommand({ router: this.router, request });
    if (reply.kind === "stream") return this.startStream(reply, request, tagWord);
    const sent = this.sendResult(reply, tagWord);
    this.router.afterCommand?.();
    return sent;
  }

  private login(request: ApiRequest, tagWord: string | undefined): void {
    const outcome = handleLogin({ router: this.router, attributes: request.attributes, pendingChallenge: this.challenge });
    if (outcome.kind === "challenge") {
      this.challenge = outcome.challenge;
      this.write(withTag("!done", tagWord, [`=ret=${outcome.challenge.toString("hex")}`]));
      return;
    }
    this.challenge = undefined;
    if (outcome.kind === "rejected") return this.sendTraps(tagWord, [{ message: outcome.message }]);
    this.logout();
    this.user = outcome.user;
    this.decoder.setLimits(LOGGED_IN_LIMITS);
    this.router.logSession("login", outcome.user, this.options.via);
    this.router.sessions?.login(this.options.via);
    this.write(withTag("!done", tagWord, []));
  }

  /** A logged-in session ends (quit, close, a second login on the same connection). */
  private logout(): void {
    if (this.user === undefined) return;
    this.router.logSession("logout", this.user, this.options.via);
    this.router.sessions?.logout(this.options.via);
    this.user = undefined;
  }

  /** `/cancel =tag=N` stops that command, `/cancel` alone stops all; each gets trap "interrupted" + !done. */
  private cancel(request: ApiRequest, tagWord: string | undefined): void {
    const target = request.attributes["tag"];
    const victims = [...this.streams].filter((stream) => target === undefined || stream.tag === target);
    for (const stream of victims) {
      this.flushStream(stream); // rows already produced go out before the trap
      this.stopStream(stream);
    }
    for (const stream of victims) {
      this.write(withTag("!trap", stream.tagWord, [`=category=${CATEGORY_INTERRUPTED}`, `=message=${TRAP.interrupted}`]));
    }
    this.write(withTag("!done", tagWord, []));
    for (const stream of victims) {
      // captures of 7.24 show !empty before the !done of a listen or follow-only that sent no row
      if (stream.rows === 0 && this.router.sendsEmpty()) this.write(withTag("!empty", stream.tagWord, []));
      this.write(withTag("!done", stream.tagWord, []));
    }
  }

  private startStream(reply: Extract<CommandReply, { kind: "stream" }>, request: ApiRequest, tagWord: string | undefined): void {
    const running: RunningStream = {
      tag: request.tag,
      tagWord,
      stop: () => {},
      stopped: false,
      rows: 0,
      pending: new ReplyEncoder(),
      flushScheduled: false,
    };
    this.streams.add(running);
    try {
      running.stop = reply.stream.start((row) => this.emitStreamRow(running, row, reply.proplist));
    } catch (error) {
      this.streams.delete(running);
      this.sendTraps(tagWord, [{ message: error instanceof Error ? error.message : String(error) }]);
    }
  }

  private emitStreamRow(stream: RunningStream, row: Row, proplist: string[] | undefined): void {
    if (stream.stopped || this.closed || this.router.faults().unreachable) return;
    // a removal is `.id` and `.dead=yes` whatever the .proplist
    stream.pending.row(row, stream.tagWord, row[".dead"] === undefined ? proplist : undefined);
    stream.rows++;
    if (stream.flushScheduled) return;
    stream.flushScheduled = true;
    setImmediate(() => this.flushStream(stream));
  }

  private flushStream(stream: RunningStream): void {
    stream.flushScheduled = false;
    if (this.closed || this.options.socket.destroyed) return;
    for (const chunk of stream.pending.take()) this.options.socket.write(chunk);
  }

  private stopStream(stream: RunningStream): void {
    if (stream.stopped) return;
    stream.stopped = true;
    this.streams.delete(stream);
    try {
      stream.stop();
    } catch {
      // a model that fails to stop must not keep the connection from closing
    }
  }

  private async sendResult(reply: Extract<CommandReply, { kind: "result" }>, tagWord: string | undefined): Promise<void> {
    const { rows, proplist } = reply;
    if (rows.length >= 2 && this.router.faults().dropMidReply) return this.dropMidReply(rows, proplist, tagWord);
    const encoder = new ReplyEncoder();
    for (let index = 0; index < rows.length; index += 1) {
      encoder.row(rows[index] as Row, tagWord, proplist);
      // Encode lazily: rows are only turned into bytes as the socket takes them.
      if (index % FLUSH_EVERY_ROWS === FLUSH_EVERY_ROWS - 1) {
        await this.flush(encoder.take());
        if (this.closed) return;
      }
    }
    if (reply.empty) encoder.sentence(withTag("!empty", tagWord, []));
    for (const trap of reply.traps) encoder.sentence(trapWords(trap, tagWord));
    encoder.sentence(withTag("!done", tagWord, reply.ret === undefined ? [] : [`=ret=${reply.ret}`]));
    await this.flush(encoder.take());
  }

  /** Fault: send the first row whole, half of the second, then cut the connection. */
  private dropMidReply(rows: Row[], proplist: string[] | undefined, tagWord: string | undefined): void {
    this.router.faultFired?.("dropMidReply");
    const encoder = new ReplyEncoder();
    encoder.row(rows[0] as Row, tagWord, proplist);
    const first = Buffer.concat(encoder.take());
    encoder.row(rows[1] as Row, tagWord, proplist);
    const second = Buffer.concat(encoder.take());
    this.options.socket.write(Buffer.concat([first, second.subarray(0, Math.max(1, second.length >> 1))]));
    this.destroy();
  }

  private sendTraps(tagWord: string | undefined, traps: Trap[]): void {
    if (this.closed || this.options.socket.destroyed) return;
    const encoder = new ReplyEncoder(1024);
    for (const trap of traps) encoder.sentence(trapWords(trap, tagWord));
    encoder.sentence(withTag("!done", tagWord, []));
    for (const chunk of encoder.take()) this.options.socket.write(chunk);
  }

  private write(words: string[]): void {
    if (this.closed || this.options.socket.destroyed) return;
    this.options.socket.write(encodeSentence(words));
  }

  private async flush(chunks: Buffer[]): Promise<void> {
    const { socket } = this.options;
    for (const chunk of chunks) {
      if (this.closed || socket.destroyed) return;
      socket.write(chunk);
      if (socket.writableLength > HIGH_WATER_BYTES) await drained(socket);
    }
  }
}

function withTag(reply: string, tagWord: string | undefined, rest: string[]): string[] {
  return tagWord === undefined ? [reply, ...rest] : [reply, tagWord, ...rest];
}

function trapWords(trap: Trap, tagWord: string | undefined): string[] {
  const words = trap.category === undefined ? [] : [`=category=${trap.category}`];
  words.push(`=message=${trap.message}`);
  return withTag("!trap", tagWord, words);
}

function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off("drain", done);
      socket.off("close", done);
      resolve();
    };
    socket.on("drain", done);
    socket.on("close", done);
  });
}
