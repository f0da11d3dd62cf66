import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from "node:tls";

// API-SSL trust: verify against a CA, pin the certificate's SHA-256, or (only when chosen) anonymous DH
// for routers without a certificate. node-routeros hands these options to tls.connect() unchanged.

export type RouterTls =
  | { mode: "none" }
  | { mode: "ca"; caPem: string; /** Name or IP the certificate must carry; defaults to the host. */ serverName?: string }
  | { mode: "fingerprint"; sha256: string }
  | { mode: "anonymous-dh" };

export const ANONYMOUS_DH_CIPHERS = "ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:@SECLEVEL=0";

export function normalizeFingerprint(value: string): string {
  return value.replace(/[^0-9a-f]/gi, "").toUpperCase();
}

export function isValidFingerprint(value: string): boolean {
  return normalizeFingerprint(value).length === 64;
}

/** Options for tls.connect, or undefined for plain API. */
export function tlsConnectOptions(tls: RouterTls): ConnectionOptions | undefined {
  switch (tls.mode) {
    case "none":
      return undefined;
    case "ca": {
      const serverName = tls.serverName;
      return {
        ca: tls.caPem,
        rejectUnauthorized: true,
        ...(serverName ? { checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(serverName, cert) } : {}),
      };
    }
    case "fingerprint":
      // The chain is usually self-signed; the pin is checked on secureConnect, before any credential is sent.
      return { rejectUnauthorized: false };
    case "anonymous-dh":
      return { ciphers: ANONYMOUS_DH_CIPHERS, rejectUnauthorized: false, minVersion: "TLSv1.2", maxVersion: "TLSv1.2" };
  }
}

export function fingerprintMatches(options: { expected: string; actual: string | undefined }): boolean {
  return options.actual !== undefined && normalizeFingerprint(options.actual) === normalizeFingerprint(options.expected);
}

export function defaultPort(tls: RouterTls): number {
  return tls.mode === "none" ? 8728 : 8729;
}
