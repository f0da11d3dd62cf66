import type { Router } from "../db/generated/client";
import { decryptSecret } from "../crypto/password-box";
import type { RouterConnectionSettings, RouterTls } from "../routeros";

/** How to reach a router, with its password decrypted in memory only (never logged or enqueued). */
export function routerConnectionSettings(
  router: Pick<Router, "host" | "port" | "username" | "passwordEnc" | "tlsMode" | "tlsCaPem" | "tlsFingerprint">,
  key: Buffer,
): RouterConnectionSettings {
  return {
    host: router.host,
    port: router.port,
    user: router.username,
    password: decryptSecret(router.passwordEnc, key),
    tls: routerTls(router),
  };
}

export function routerTls(router: Pick<Router, "tlsMode" | "tlsCaPem" | "tlsFingerprint">): RouterTls {
  switch (router.tlsMode) {
    case "none":
      return { mode: "none" };
    case "anonymous_dh":
      return { mode: "anonymous-dh" };
    case "verify_ca":
      return { mode: "ca", caPem: router.tlsCaPem ?? "" };
    case "pin_fingerprint":
      return { mode: "fingerprint", sha256: router.tlsFingerprint ?? "" };
  }
}
