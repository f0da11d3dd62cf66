// Response headers every page, API route and error page carries. Next.js puts inline scripts in each
// page (hydration data); it adds the nonce it finds in the request's Content-Security-Policy to them,
// so scripts run only with this response's nonce ('strict-dynamic' lets those load Next's chunks).
// recharts and React set style attributes, hence 'unsafe-inline' for styles only.

export const NONCE_HEADER = "x-nonce";

export function contentSecurityPolicy(options: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(options: { nonce: string; https: boolean; dev: boolean }): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(options),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    // Browsers ignore HSTS over plain HTTP; sent only when the request came over HTTPS (or a proxy says so).
    ...(options.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** 128 random bits, base64: a fresh nonce per response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
