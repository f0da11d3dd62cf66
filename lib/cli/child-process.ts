import { spawn, type ChildProcess } from "node:child_process";

export type ManagedChild = { name: string; child: ChildProcess; exited: Promise<number | null> };

/** Spawn a long-running child that shares our terminal; its output is prefixed with its name. */
export function spawnManaged(options: {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
  quiet?: boolean;
}): ManagedChild {
  const child = spawn(options.command, options.args, { env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: false });
  const forward = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let buffered = "";
    stream.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        options.onLine?.(line);
        if (!options.quiet) out.write(`[${options.name}] ${line}\n`);
      }
    });
  };
  if (child.stdout) forward(child.stdout, process.stdout);
  if (child.stderr) forward(child.stderr, process.stderr);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name: options.name, child, exited };
}

/** SIGTERM, then SIGKILL if the child has not gone within the grace period. */
export async function stopManaged(options: { managed: ManagedChild; graceMs?: number }): Promise<void> {
  const { managed, graceMs = 10_000 } = options;
  if (managed.child.exitCode !== null || managed.child.signalCode !== null) return;
  managed.child.kill("SIGTERM");
  const timer = setTimeout(() => managed.child.kill("SIGKILL"), graceMs);
  await managed.exited;
  clearTimeout(timer);
}
