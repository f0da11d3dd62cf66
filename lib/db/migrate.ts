import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { AppError } from "../errors";

/** Apply prisma/migrations with `prisma migrate deploy` (the JS schema engine: no downloads). */
export async function migrateDatabase(options: { url: string; quiet?: boolean }): Promise<void> {
  const { url } = options;
  const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const output: string[] = [];
  const code = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => resolvePromise(exitCode ?? 1));
  });
  if (code !== 0) throw new AppError({ code: "internal", message: `prisma migrate deploy failed:\n${output.join("")}` });
  if (!options.quiet)
    process.stdout.write(
      output
        .join("")
        .split("\n")
        .filter((l) => /applied|No pending|migrations found/i.test(l))
        .join("\n") + "\n",
    );
}
