// Is this error "the database cannot be reached right now" (down, restarting, connection cut) rather
// than a bad query? Pages then say so and retry instead of showing a bare internal error.

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
// Postgres: admin shutdown, crash shutdown, cannot connect now, and the connection exception class.
const SQLSTATE = /^(57P0[123]|08\d{3})$/;

type Shape = {
  code?: unknown;
  cause?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
};

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const { code, cause, meta, message } = e as Shape;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || NODE_CODES.has(code) || SQLSTATE.test(code))) return true;
    const adapter = meta?.driverAdapterError?.cause;
    if (typeof adapter?.kind === "string" && ADAPTER_KINDS.has(adapter.kind)) return true;
    if (typeof adapter?.originalCode === "string" && SQLSTATE.test(adapter.originalCode)) return true;
    if (typeof message === "string" && /Connection terminated|Can't reach database server|connection is closed/i.test(message)) return true;
    e = cause;
  }
  return false;
}
