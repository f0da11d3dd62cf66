import type { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import type { TLSSocket, TlsOptions } from "node:tls";
import { Channel, RouterOSAPI } from "node-routeros";
import { log as rootLog, type Logger } from "@/lib/log";
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff";
import type { RouterClient } from "./client";
import {
  RouterConnectionLostError,
  RouterFatalError,
  RouterProtocolError,
  RouterTimeoutError,
  RouterTlsError,
  RouterTrapError,
  RouterUnreachableError,
  clip,
  type RouterErrorContext,
} from "./errors";
import { mapConnectError } from "./map-error";
import {
  FATAL_EVENT,
  installEmptyReplyPatch,
  LIMITS_KEY,
  OVERSIZED_REPLY_KEY,
  REPLY_ERROR_EVENT,
  UNKNOWN_REPLY_KEY,
} from "./node-routeros-patch";
import { DEFAULT_REPLY_LIMITS, type ReplyLimits } from "./reply-decoder";
import type { RosRow } from "./parse";
import { Semaphore } from "./semaphore";
import { defaultPort, fingerprintMatches, tlsConnectOptions, type RouterTls } from "./tls";
import { parseRouterOsVersion, type RouterOsVersion } from "./version";

// One persistent API session per router: log in once (routers log every login), keep the connection
// with node-routeros' keep-alive, bound the commands in flight, time out every command, and reconnect
// lazily with capped backoff. Commands run on node-routeros Channels so a !trap keeps its category.

installEmptyReplyPatch();

export type RouterSessionOptions = {
  routerId?: string;
  host: string;
  port?: number;
  user: string;
  password: string;
  tls?: RouterTls;
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
  maxInFlight?: number;
  /** node-routeros sends `#` this often on an idle session; the socket idles out after twice this. */
  keepaliveSeconds?: number;
  backoff?: BackoffPolicy;
  /** Consecutive command timeouts after which the connection is dropped and made anew. */
  maxConsecutiveTimeouts?: number;
  /** Retry a print once on a fresh connection when the connection died under it (default true). */
  retryLostReads?: boolean;
  /** A connection that dies sooner than this counts as a failed attempt for the backoff. */
  minHealthyMs?: number;
  /** Caps on reply words, sentences and each command's whole reply (memory per session stays bounded). */
  replyLimits?: Partial<ReplyLimits>;
  logger?: Logger;
  random?: () => number;
  now?: () => number;
};

export type SessionState = "idle" | "connecting" | "connected" | "backoff" | "closed";

export type WireStats = { commands: number; bytesRead: number; bytesWritten: number; connects: number };

type Pending = { fail(error: Error): void };
type Live = {
  api: RouterOSAPI;
  /** Fails a connect still in progress (the reader saw a malformed reply or a `!fatal`). */
  abortConnect?: (error: Error) => void;
  connector: EventEmitter & { destroy(): void; socket?: { cork(): void; uncork(): void } };
  socket: Socket | undefined;
  version: RouterOsVersion | undefined;
  connectedAt: number;
  pending: Set<Pending>;
  consecutiveTimeouts: number;
};
type ApiInternals = {
  connector?: Live["connector"] & { socket?: Socket };
  keptaliveby?: ReturnType<typeof setTimeout>;
  connectionHoldInterval?: ReturnType<typeof setTimeout>;
  closing?: boolean;
};

const noop = (): void => {};

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class RouterSession implements RouterClient {
  private readonly opts: Required<Omit<RouterSessionOptions, "routerId" | "port" | "tls" | "logger" | "replyLimits">>;
  private readonly replyLimits: ReplyLimits;
  private readonly tls: RouterTls;
  private readonly port: number;
  private readonly log: Logger;
  private readonly slots: Semaphore;
  private live: Live | undefined;
  private opening: Live | undefined;
  private connecting: Promise<Live> | undefined;
  private failures = 0;
  private nextAttemptAt = 0;
  private lastFailure: Error | undefined;
  private closed = false;
  private readonly totals: WireStats = { commands: 0, bytesRead: 0, bytesWritten: 0, connects: 0 };

  constructor(options: RouterSessionOptions) {
    this.tls = options.tls ?? { mode: "none" };
    this.port = options.port ?? defaultPort(this.tls);
    this.opts = {
      host: options.host,
      user: options.user,
      password: options.password,
      commandTimeoutMs: options.commandTimeoutMs ?? 10_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      maxInFlight: options.maxInFlight ?? 4,
      keepaliveSeconds: options.keepaliveSeconds ?? 30,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      maxConsecutiveTimeouts: options.maxConsecutiveTimeouts ?? 2,
      minHealthyMs: options.minHealthyMs ?? 5_000,
      retryLostReads: options.retryLostReads ?? true,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
    };
    this.replyLimits = { ...DEFAULT_REPLY_LIMITS, ...options.replyLimits };
    this.log = (options.logger ?? rootLog).child({ routerId: options.routerId, host: options.host });
    this.slots = new Semaphore(this.opts.maxInFlight);
  }

  get state(): SessionState {
    if (this.closed) return "closed";
    if (this.live) return "connected";
    if (this.connecting) return "connecting";
    return this.nextAttemptAt > this.opts.now() ? "backoff" : "idle";
  }

  get lastError(): Error | undefined {
    return this.lastFailure;
  }

  /** The version read right after login (connects first when there is no live connection). */
  async version(): Promise<RouterOsVersion> {
    return this.live?.version ?? this.connect();
  }

  wireStats(): WireStats {
    const socket = this.live?.socket;
    return {
      commands: this.totals.commands,
      connects: this.totals.connects,
      bytesRead: this.totals.bytesRead + (socket?.bytesRead ?? 0),
      bytesWritten: this.totals.bytesWritten + (socket?.bytesWritten ?? 0),
    };
  }

  async connect(): Promise<RouterOsVersion> {
    return this.slots.use(async () => {
      const live = await this.ensureConnected();
      return live.version as RouterOsVersion;
    });
  }

  async run(words: readonly string[]): Promise<RosRow[]> {
    try {
      return await this.runOnce(words);
    } catch (error) {
      // A print is safe to repeat; a router that just rebooted should not fail the whole poll.
      const isRead = (words[0] ?? "").endsWith("/print");
      const lost = error instanceof RouterConnectionLostError || error instanceof RouterFatalError;
      if (!lost || !isRead || !this.opts.retryLostReads) throw error;
      return this.runOnce(words);
    }
  }

  private async runOnce(words: readonly string[]): Promise<RosRow[]> {
    const release = await this.slots.acquire();
    try {
      const live = await this.ensureConnected();
      return await this.execute(live, words);
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const live = this.live ?? this.opening;
    this.live = undefined;
    this.opening = undefined;
    if (!live) return;
    this.failPending(live, new RouterUnreachableError("session closed", this.ctx()));
    // A clean close lets the router log a logout instead of a dropped connection.
    await withTimeout(live.api.close().catch(noop), 2_000, () => new Error("close timeout")).catch(noop);
    this.retire(live);
  }

  private ctx(command?: string): RouterErrorContext {
    return { host: `${this.opts.host}:${this.port}`, command };
  }

  private async ensureConnected(): Promise<Live> {
    if (this.closed) throw new RouterUnreachableError("session closed", this.ctx());
    if (this.live) return this.live;
    if (this.connecting) return this.connecting;
    const wait = this.nextAttemptAt - this.opts.now();
    if (wait > 0) {
      // Short backoffs are waited out; long ones fail fast so a dead router never holds a worker.
      if (wait > this.opts.commandTimeoutMs) throw this.lastFailure ?? new RouterUnreachableError("backing off", this.ctx());
      await new Promise((resolve) => setTimeout(resolve, wait));
      return this.ensureConnected();
    }
    const attempt = this.open().then(
      (live) => {
        this.failures = 0;
        this.nextAttemptAt = 0;
        this.lastFailure = undefined;
        return live;
      },
      (error: Error) => {
        this.noteFailure(error);
        throw error;
      },
    );
    this.connecting = attempt.finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private noteFailure(error: Error): void {
    this.failures++;
    this.lastFailure = error;
    this.nextAttemptAt = this.opts.now() + backoffDelayMs({ failures: this.failures, policy: this.opts.backoff, random: this.opts.random });
    this.log.warn(
      { event: "routeros.session.failed", code: (error as { code?: string }).code, failures: this.failures, err: error.message },
      "router connect failed",
    );
  }

  private async open(): Promise<Live> {
    const api = new RouterOSAPI({
      host: this.opts.host,
      port: this.port,
      user: this.opts.user,
      password: this.opts.password,
      timeout: this.opts.keepaliveSeconds * 2,
      tls: tlsConnectOptions(this.tls) as TlsOptions | undefined,
      keepalive: true,
    });
    let socketError: unknown;
    let pinError: Error | undefined;
    api.on("error", (error: unknown) => this.onLost(api, error));
    api.on("close", () => this.onLost(api, undefined));
    const connecting = api.connect();
    const connector = (api as unknown as ApiInternals).connector;
    if (!connector) {
      // connect() answered without a connection (it rejects at once); left alone, that rejection is unhandled.
      const reason = await connecting.then(
        () => "no connection",
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      api.removeAllListeners();
      throw new RouterProtocolError(`node-routeros did not open a connection: ${clip(reason, 120)}`, { retryable: true });
    }
    const socket = connector.socket;
    const receiver = (connector as { receiver?: { [LIMITS_KEY]?: ReplyLimits } }).receiver;
    if (receiver) receiver[LIMITS_KEY] = this.replyLimits;
    // A TCP connection that is up but unanswered is a slow router, not an unreachable one.
    let tcpConnected = false;
    socket?.once(this.tls.mode === "none" ? "connect" : "secureConnect", () => {
      tcpConnected = true;
    });
    // node-routeros writes each word separately; with Nagle on, every command then waits for the
    // peer's delayed ACK (~40 ms). Requests are tiny, so send them at once.
    socket?.setNoDelay(true);
    socket?.on("error", (error) => {
      socketError = error;
    });
    const tls = this.tls;
    if (tls.mode === "fingerprint" && socket) {
      // Runs before node-routeros' own secureConnect handler writes the login sentence.
      socket.prependOnceListener("secureConnect", () => {
        const actual = (socket as TLSSocket).getPeerCertificate()?.fingerprint256;
        if (fingerprintMatches({ expected: tls.sha256, actual })) return;
        pinError = new RouterTlsError("certificate fingerprint does not match the pinned one", this.ctx());
        socket.destroy(pinError);
      });
    }
    const live: Live = {
      api,
      connector,
      socket,
      version: undefined,
      connectedAt: this.opts.now(),
      pending: new Set(),
      consecutiveTimeouts: 0,
    };
    socket?.on(REPLY_ERROR_EVENT, (error: Error) =>
      this.drop(live, new RouterProtocolError(`${error.message} (${this.opts.host}:${this.port})`, { retryable: true, cause: error })),
    );
    socket?.on(FATAL_EVENT, (message: string) => this.drop(live, new RouterFatalError(message, this.ctx())));
    const aborted = new Promise<never>((_, reject) => {
      live.abortConnect = reject;
    });
    aborted.catch(noop);
    this.opening = live;
    try {
      await withTimeout(Promise.race([connecting, aborted]), this.opts.connectTimeoutMs, () =>
        tcpConnected
          ? new RouterTimeoutError(this.opts.connectTimeoutMs, this.ctx("/login"))
          : new RouterUnreachableError("connect timeout", this.ctx()),
      );
      const rows = await Promise.race([this.execute(live, ["/system/resource/print", "=.proplist=version"]), aborted]);
      const version = parseRouterOsVersion(rows[0]?.version ?? "");
      if (!version) throw new RouterProtocolError("could not read the RouterOS version from /system/resource");
      if (version.sendsEmptyReply && !installEmptyReplyPatch().applied) {
        throw new RouterProtocolError(`RouterOS ${version.raw} sends !empty and the node-routeros fix is not installed`);
      }
      live.version = version;
    } catch (error) {
      this.opening = undefined;
      this.retire(live);
      throw pinError ?? mapConnectError({ error, socketError, ctx: this.ctx() });
    }
    this.opening = undefined;
    if (this.closed) {
      this.retire(live);
      throw new RouterUnreachableError("session closed", this.ctx());
    }
    this.live = live;
    this.totals.connects++;
    this.log.info({ event: "routeros.session.connected", version: live.version?.raw, tls: this.tls.mode }, "router session open");
    return live;
  }

  private execute(live: Live, words: readonly string[]): Promise<RosRow[]> {
    const command = words[0] ?? "";
    return new Promise<RosRow[]>((resolve, reject) => {
      const channel = new Channel(live.connector as never);
      let trap: Record<string, string> | undefined;
      channel.on("trap", (data: Record<string, string>) => {
        trap = data;
      });
      let settled = false;
      const finish = (settle: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        live.pending.delete(pending);
        settle();
      };
      const pending: Pending = { fail: (error) => finish(() => reject(error)) };
      live.pending.add(pending);
      const timer = setTimeout(() => {
        finish(() => reject(new RouterTimeoutError(this.opts.commandTimeoutMs, this.ctx(command))));
        this.onCommandTimeout(live, channel.Id);
      }, this.opts.commandTimeoutMs);
      this.totals.commands++;
      // node-routeros writes each word with its own socket.write: corked, a sentence leaves in one
      // write (one syscall, one TCP segment) instead of one per word.
      const socket = live.connector.socket;
      socket?.cork();
      const written = channel.write([...words]);
      socket?.uncork();
      written.then(
        (rows) =>
          finish(() => {
            live.consecutiveTimeouts = 0;
            resolve(rows as unknown as RosRow[]);
          }),
        (error: unknown) => {
          // The router is still sending rows nobody will read: ask it to stop.
          if (trap?.[OVERSIZED_REPLY_KEY] !== undefined)
            new Channel(live.connector as never).write(["/cancel", `=tag=${channel.Id}`]).catch(noop);
          finish(() => reject(this.commandError({ trap, error, command })));
        },
      );
    });
  }

  private commandError(options: { trap: Record<string, string> | undefined; error: unknown; command: string }): Error {
    const { trap, error, command } = options;
    const message = error instanceof Error ? error.message : String(error);
    if (trap?.[UNKNOWN_REPLY_KEY] !== undefined) return new RouterProtocolError(`${message} to ${command}`);
    if (trap?.[OVERSIZED_REPLY_KEY] !== undefined) return new RouterProtocolError(`${message}: ${command}`);
    if (!trap) return new RouterProtocolError(`command failed: ${message}`, { cause: error });
    const category = trap.category === undefined ? undefined : Number(trap.category);
    return new RouterTrapError({
      trapMessage: trap.message ?? message,
      category: Number.isInteger(category) ? category : undefined,
      ctx: this.ctx(command),
    });
  }

  private onCommandTimeout(live: Live, tag: string): void {
    // Ask the router to stop the command; its late `!trap interrupted` lands on a settled promise.
    new Channel(live.connector as never).write(["/cancel", `=tag=${tag}`]).catch(noop);
    live.consecutiveTimeouts++;
    if (live.consecutiveTimeouts >= this.opts.maxConsecutiveTimeouts) {
      this.log.warn(
        { event: "routeros.session.stalled", timeouts: live.consecutiveTimeouts },
        "router stopped answering; dropping the connection",
      );
      this.drop(live, new RouterTimeoutError(this.opts.commandTimeoutMs, this.ctx()));
    }
  }

  private onLost(api: RouterOSAPI, error: unknown): void {
    const live = this.live?.api === api ? this.live : this.opening?.api === api ? this.opening : undefined;
    if (!live) return;
    const reason = error instanceof Error && error.message ? error.message : "connection closed by the router";
    this.drop(live, new RouterConnectionLostError(`connection lost: ${reason}`, this.ctx()));
  }

  private drop(live: Live, error: Error): void {
    if (this.live === live) {
      this.live = undefined;
      const lived = this.opts.now() - live.connectedAt;
      if (lived < this.opts.minHealthyMs) this.noteFailure(error);
      this.log.warn({ event: "routeros.session.lost", livedMs: lived, err: error.message }, "router session lost");
    }
    if (this.opening === live) {
      this.opening = undefined;
      live.abortConnect?.(error);
    }
    this.failPending(live, error);
    this.retire(live);
  }

  private failPending(live: Live, error: Error): void {
    for (const pending of [...live.pending]) pending.fail(error);
  }

  /** Stop everything node-routeros still runs for a connection we are done with, and swallow late events. */
  private retire(live: Live): void {
    const internals = live.api as unknown as ApiInternals;
    internals.closing = true;
    clearTimeout(internals.keptaliveby);
    clearTimeout(internals.connectionHoldInterval);
    live.api.removeAllListeners();
    live.api.on("error", noop);
    if (live.socket) {
      this.totals.bytesRead += live.socket.bytesRead;
      this.totals.bytesWritten += live.socket.bytesWritten;
      live.socket = undefined;
    }
    try {
      live.connector.destroy();
    } catch {
      // already destroyed
    }
    live.connector.on("error", noop);
    live.connector.on("timeout", noop);
  }
}
