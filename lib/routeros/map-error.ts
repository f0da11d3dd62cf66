import { getSystemErrorName } from "node:util";
import { isAppError } from "@/lib/errors";
import {
  RouterAuthFailedError,
  RouterProtocolError,
  RouterTlsError,
  RouterUnreachableError,
  clip,
  type RouterErrorContext,
} from "./errors";

// node-routeros reports failures as RosException (errno "CANTLOGIN", "SOCKTMOUT" or a numeric system
// errno with an empty message) or as plain Errors carrying a trap message. The raw socket error, which
// keeps its `code`, is captured separately by the session and preferred when present.

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNABORTED",
  "EHOSTDOWN",
  "SOCKTMOUT",
]);
const AUTH_MESSAGE = /invalid user name or password|cannot log in|username or password is invalid/i;

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  if (typeof code === "string") return code;
  if (typeof errno === "string") return errno;
  if (typeof errno === "number" && errno < 0) {
    try {
      return getSystemErrorName(errno);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : "";
}

function isTlsCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|^ERR_SSL|^ERR_TLS|HOSTNAME_MISMATCH/.test(code);
}

/** A failure while connecting or logging in → one typed error. */
export function mapConnectError(options: { error: unknown; socketError?: unknown; ctx: RouterErrorContext }): Error {
  const { error, socketError, ctx } = options;
  if (isAppError(error)) return error;
  const code = codeOf(socketError) ?? codeOf(error);
  const message = messageOf(error) || messageOf(socketError);
  if (code === "CANTLOGIN" || AUTH_MESSAGE.test(message)) return new RouterAuthFailedError("invalid user name or password", ctx, error);
  if (code && isTlsCode(code)) return new RouterTlsError(code, ctx, socketError ?? error);
  if (/handshake|ssl|tls|cipher/i.test(messageOf(socketError)))
    return new RouterTlsError(clip(messageOf(socketError), 120), ctx, socketError);
  if (code && UNREACHABLE.has(code)) return new RouterUnreachableError(code === "SOCKTMOUT" ? "connect timeout" : code, ctx, error);
  if (code === "ALRDYCONNECTING") return new RouterProtocolError("connect already in progress", { retryable: true, cause: error });
  return new RouterUnreachableError(clip(message || code || "connection failed", 120), ctx, error);
}
