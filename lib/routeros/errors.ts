import { AppError } from "@/lib/errors";

// Typed failures of talking to a router. Workers map them to router status (unreachable, auth failed,
// timed out) and decide on retries through `retryable`. Messages may quote router text: keep them short.

export type RouterErrorContext = { host?: string; command?: string };

function where(ctx: RouterErrorContext): string {
  const parts = [ctx.host, ctx.command].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? ` (${parts.join(" ")})` : "";
}

export class RouterUnreachableError extends AppError {
  constructor(reason: string, ctx: RouterErrorContext = {}, cause?: unknown) {
    super({
      code: "router_unreachable",
      message: `router unreachable: ${reason}${where(ctx)}`,
      publicMessage: "Router unreachable",
      retryable: true,
      cause,
    });
  }
}

/** The connection died while a command was in flight (router reboot, cut mid-reply). */
export class RouterConnectionLostError extends RouterUnreachableError {}

export class RouterAuthFailedError extends AppError {
  constructor(reason: string, ctx: RouterErrorContext = {}, cause?: unknown) {
    super({
      code: "router_auth_failed",
      message: `router login failed: ${reason}${where(ctx)}`,
      publicMessage: "Router login failed",
      retryable: false,
      cause,
    });
  }
}

/** The router's certificate did not verify (CA or pinned fingerprint): we refuse to send credentials. */
export class RouterTlsError extends AppError {
  constructor(reason: string, ctx: RouterErrorContext = {}, cause?: unknown) {
    super({
      code: "router_auth_failed",
      message: `router TLS verification failed: ${reason}${where(ctx)}`,
      publicMessage: "Router certificate not trusted",
      retryable: false,
      cause,
    });
  }
}

/** The router is reachable (its TCP connection is up) but did not answer in time: it is slow. */
export class RouterTimeoutError extends AppError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, ctx: RouterErrorContext = {}) {
    super({
      code: "router_timeout",
      message: `router timed out after ${timeoutMs} ms${where(ctx)}`,
      publicMessage: "Router timed out",
      retryable: true,
    });
    this.timeoutMs = timeoutMs;
  }
}

/** A `!trap` reply. Category per the API docs: 0 missing item, 1 bad argument, 2 interrupted, ... */
export class RouterTrapError extends AppError {
  readonly trapMessage: string;
  readonly category: number | undefined;
  constructor(options: { trapMessage: string; category?: number; ctx?: RouterErrorContext }) {
    const cat = options.category === undefined ? "" : ` [category ${options.category}]`;
    super({
      code: "router_trap",
      message: `router error: ${clip(options.trapMessage)}${cat}${where(options.ctx ?? {})}`,
      publicMessage: "Router rejected the command",
      retryable: false,
    });
    this.trapMessage = options.trapMessage;
    this.category = options.category;
  }
}

/** The router's reply did not make sense (bad values, unknown reply word, connection cut mid-reply). */
export class RouterProtocolError extends AppError {
  readonly issues: string[];
  constructor(message: string, options: { issues?: string[]; retryable?: boolean; cause?: unknown } = {}) {
    super({
      code: "router_protocol",
      message,
      publicMessage: "Unexpected reply from router",
      retryable: options.retryable ?? false,
      cause: options.cause,
    });
    this.issues = options.issues ?? [];
  }
}

/** RouterOS ended the session with `!fatal`; its message says why ("session terminated on request", ...). */
export class RouterFatalError extends AppError {
  readonly fatalMessage: string;
  constructor(fatalMessage: string, ctx: RouterErrorContext = {}) {
    super({
      code: "router_fatal",
      message: `router ended the session (!fatal): ${clip(fatalMessage || "no message")}${where(ctx)}`,
      publicMessage: "Router ended the session",
      retryable: true,
    });
    this.fatalMessage = fatalMessage;
  }
}

/** Errors after which the session is no longer usable (as opposed to one command failing). */
export function isConnectionLevel(error: unknown): boolean {
  return (
    error instanceof RouterUnreachableError ||
    error instanceof RouterAuthFailedError ||
    error instanceof RouterTlsError ||
    error instanceof RouterFatalError
  );
}

/** Untrusted router text inside our messages: one line, bounded length. */
export function clip(text: string, max = 200): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f]+/g, " ");
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
