import { isAppError, ValidationError } from "./errors";

/** The one error mapper for command-line entry points: a clear sentence and exit 1, no stack trace. */
export function exitWithError(error: unknown): never {
  if (isAppError(error) && error.code !== "internal") {
    const issues = error instanceof ValidationError && error.issues.length > 0 ? `: ${error.issues.join("; ")}` : "";
    process.stderr.write(`wanscope: ${error.message}${issues}\n`);
  } else {
    process.stderr.write(`wanscope: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
