import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError, ConfigError } from "../errors";

// AES-256-GCM with a random 96-bit nonce per value. Stored as "v1:<nonce>:<tag>:<ciphertext>" (base64)
// so a key rotation can tell old from new formats.
const VERSION = "v1";

/** No silent defaults for secrets: an empty or all-zero buffer stands in for a missing key, never for a real one. */
function assertUsableKey(key: Buffer): void {
  if (key.length !== 32 || key.every((byte) => byte === 0))
    throw new ConfigError("WANSCOPE_SECRET_KEY: no usable secret key (it must be 32 random bytes in base64: openssl rand -base64 32)");
}

export function encryptSecret(plaintext: string, key: Buffer): string {
  assertUsableKey(key);
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, nonce.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

export function decryptSecret(stored: string, key: Buffer): string {
  assertUsableKey(key);
  const [version, nonce, tag, body] = stored.split(":");
  if (version !== VERSION || !nonce || !tag || body === undefined) {
    throw new AppError({
      code: "internal",
      message: "stored secret has an unknown format",
      publicMessage: "Stored credentials are unreadable",
    });
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new AppError({
      code: "internal",
      message: "stored secret does not decrypt with the current key",
      publicMessage: "Stored credentials are unreadable",
      cause,
    });
  }
}
