import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** True when the production build is missing or older than any source it was built from. */
export function needsBuild(options: { distDir: string; sourceDirs: string[] }): boolean {
  const marker = join(options.distDir, "BUILD_ID");
  if (!existsSync(marker)) return true;
  const builtAt = statSync(marker).mtimeMs;
  return options.sourceDirs.some((dir) => newestMtime(dir) > builtAt);
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
