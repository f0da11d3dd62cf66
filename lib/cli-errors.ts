import { isAppError } from "./errors";

/** The one error mapper for command-line entry points: a clear sentence and exit 1, no stack trace. */
export function exitWithError(error: unknown): never {
  if (isAppError(error) && error.code !== "internal") {
    process.stderr.write(`wanscope: ${error.message}\n`);
  } else {
    process.stderr.write(`wanscope: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
