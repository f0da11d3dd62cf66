import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export type DemoCredential = { email: string; role: string; password: string };

// The demo's generated user passwords, kept beside its data (mode 0600) so every `npm run demo`
// can print them again — the demo is for trying WANscope, not a production install.
export function saveDemoCredentials(file: string, credentials: readonly DemoCredential[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}

export function loadDemoCredentials(file: string): DemoCredential[] {
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (c): c is DemoCredential => typeof c?.email === "string" && typeof c?.password === "string" && typeof c?.role === "string",
        )
      : [];
  } catch {
    return [];
  }
}
