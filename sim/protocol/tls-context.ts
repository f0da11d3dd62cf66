// API-SSL has two faces on RouterOS: a service with a certificate (usually self-signed, so clients
// pin it) and one without, where only anonymous Diffie-Hellman ciphers can work.

import { X509Certificate } from "node:crypto";
import { createSecureContext, type SecureContext } from "node:tls";
import { generate } from "selfsigned";

export type TlsMode = "certificate" | "anonymous-dh";

export type TlsIdentity = {
  context: SecureContext;
  certificatePem: string | undefined;
  fingerprint256: string | undefined;
};

// SECLEVEL=0 because OpenSSL 3 refuses unauthenticated suites at its default level; TLS 1.3 has none.
const ANONYMOUS_CIPHERS = "ADH-AES256-GCM-SHA384:ADH-AES128-GCM-SHA256:ADH-AES256-SHA256:ADH-AES256-SHA:@SECLEVEL=0";

export async function createTlsIdentity({ mode, commonName }: { mode: TlsMode; commonName: string }): Promise<TlsIdentity> {
  if (mode === "anonymous-dh") {
    const context = createSecureContext({
      ciphers: ANONYMOUS_CIPHERS,
      dhparam: "auto",
      minVersion: "TLSv1.2",
      maxVersion: "TLSv1.2",
    });
    return { context, certificatePem: undefined, fingerprint256: undefined };
  }
  const pems = await generate([{ name: "commonName", value: commonName }], {
    keyType: "ec", // much faster than RSA to make, which matters for a fleet of 200 routers
    curve: "P-256",
    algorithm: "sha256",
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  const context = createSecureContext({ key: pems.private, cert: pems.cert, minVersion: "TLSv1.2" });
  return { context, certificatePem: pems.cert, fingerprint256: new X509Certificate(pems.cert).fingerprint256 };
}
