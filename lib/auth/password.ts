import { hash, verify } from "@node-rs/argon2";

// argon2id (algorithm 2) with OWASP's minimum settings: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(options: { hash: string; password: string }): Promise<boolean> {
  try {
    return await verify(options.hash, options.password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** A hash to verify against when the user does not exist, so timing does not tell whether an email is known. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("wanscope-timing-equaliser");
  return dummy;
}
