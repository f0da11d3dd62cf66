import { randomBytes } from "node:crypto";

// Error classes with stable codes. Each entry point (route handler, job, CLI) maps them with one
// mapper; `publicMessage` is the only text that may reach a browser or an API client.

export type ErrorCode =
  | "config_invalid"
  | "validation_failed"
  | "not_found"
  | "conflict"
  | "unauthenticated"
  | "forbidden"
  | "rate_limited"
  | "router_unreachable"
  | "router_auth_failed"
  | "router_timeout"
  | "router_trap"
  | "router_protocol"
  | "router_fatal"
  | "action_unverified"
  | "service_unavailable"
  | "internal";

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe to show to a user; defaults to a generic text for internal errors. */
  readonly publicMessage: string;
  /** Retrying the same work later may succeed (network trouble), as opposed to bad input. */
  readonly retryable: boolean;

  constructor(options: { code: ErrorCode; message: string; publicMessage?: string; retryable?: boolean; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.publicMessage = options.publicMessage ?? options.message;
    this.retryable = options.retryable ?? false;
  }
}

export class ConfigError extends AppError {
  constructor(message: string) {
    super({ code: "config_invalid", message });
  }
}

export class ValidationError extends AppError {
  readonly issues: string[];
  constructor(message: string, issues: string[] = []) {
    super({ code: "validation_failed", message });
    this.issues = issues;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super({ code: "not_found", message: `${what} not found` });
  }
}

/** The request is valid but the state it was made against moved (a newer read, another change in flight). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super({ code: "conflict", message });
  }
}

/** A router write that did not read back as planned: what the router holds now is in the message. */
export class ActionUnverifiedError extends AppError {
  constructor(message: string) {
    super({ code: "action_unverified", message });
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super({ code: "service_unavailable", message, retryable: true, cause });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "sign-in required", publicMessage = "Sign in first") {
    super({ code: "unauthenticated", message, publicMessage });
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, publicMessage = "You are not allowed to do this") {
    super({ code: "forbidden", message, publicMessage });
  }
}

export class RateLimitedError extends AppError {
  /** When to try again, for a Retry-After header. */
  readonly retryAfterSec: number | null;
  constructor(message: string, retryAfterSec: number | null = null) {
    super({ code: "rate_limited", message });
    this.retryAfterSec = retryAfterSec;
  }
}

/** HTTP status for an error code, shared by every route handler. */
export function httpStatusOf(error: AppError): number {
  const byCode: Partial<Record<ErrorCode, number>> = {
    validation_failed: 400,
    unauthenticated: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    rate_limited: 429,
  };
  return byCode[error.code] ?? (error.retryable ? 503 : 500);
}

/** The only text a browser may see for an error: internal details stay in the server log. */
export function publicMessage(error: unknown): string {
  const appError = toAppError(error);
  return appError.code === "internal" ? "Internal error" : appError.publicMessage;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turn anything thrown into an AppError without leaking internals to the public message. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError({ code: "internal", message, publicMessage: "Internal error", cause: error });
}

/** A short id that ties a browser's "internal error, id …" to the one server log line with the details. */
export function newErrorId(): string {
  return randomBytes(4).toString("hex");
}
