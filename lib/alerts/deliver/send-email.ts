import { createTransport } from "nodemailer";
import type { SendResult } from "./send-webhook";

export type SmtpSettings = { url: string; from: string };

/** One notification by email through the configured SMTP server; failures are results, not throws. */
export async function sendEmail(options: {
  smtp: SmtpSettings | null;
  to: string;
  subject: string;
  text: string;
  timeoutMs?: number;
}): Promise<SendResult> {
  if (!options.smtp) return { ok: false, status: null, error: "email needs SMTP: set SMTP_URL (and SMTP_FROM) for the workers", ms: 0 };
  const started = Date.now();
  const timeout = options.timeoutMs ?? 15_000;
  const transport = createTransport(options.smtp.url, { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  try {
    const info = await transport.sendMail({ from: options.smtp.from, to: options.to, subject: options.subject, text: options.text });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0)
      return { ok: false, status: null, error: `rejected recipients: ${rejected.join(", ")}`, ms: Date.now() - started };
    return { ok: true, status: 250, error: null, ms: Date.now() - started };
  } catch (error) {
    return {
      ok: false,
      status: null,
      error: `SMTP: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300),
      ms: Date.now() - started,
    };
  } finally {
    transport.close();
  }
}

export function emailSubject(options: { routerName: string; count: number; firstLine: string }): string {
  return options.count > 1
    ? `[WANscope] ${options.routerName}: ${options.count} alert changes`
    : `[WANscope] ${options.routerName}: ${options.firstLine}`.slice(0, 200);
}
