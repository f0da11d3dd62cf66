import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../errors";

/**
 * The 32-byte key that encrypts router passwords. Production sets WANSCOPE_SECRET_KEY; the demo may
 * instead keep a generated key in a local file (created with mode 0600 and announced, never silent).
 */
export function resolveSecretKey(options: { fromEnv?: string; keyFile: string; allowGenerate: boolean }): {
  key: Buffer;
  generated: boolean;
  source: string;
} {
  if (options.fromEnv) return { key: decodeKey(options.fromEnv, "WANSCOPE_SECRET_KEY"), generated: false, source: "WANSCOPE_SECRET_KEY" };
  if (existsSync(options.keyFile)) {
    return { key: decodeKey(readFileSync(options.keyFile, "utf8").trim(), options.keyFile), generated: false, source: options.keyFile };
  }
  if (!options.allowGenerate) {
    throw new ConfigError(
      `WANSCOPE_SECRET_KEY is not set and ${options.keyFile} does not exist. Set WANSCOPE_SECRET_KEY to 32 random bytes in base64 (openssl rand -base64 32).`,
    );
  }
  const key = randomBytes(32);
  mkdirSync(dirname(options.keyFile), { recursive: true });
  writeFileSync(options.keyFile, `${key.toString("base64")}\n`, { mode: 0o600 });
  return { key, generated: true, source: options.keyFile };
}

function decodeKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new ConfigError(`${where}: the secret key must be 32 bytes in base64 (openssl rand -base64 32)`);
  return key;
}
