import { postRequest, type SendResult } from "./post-request";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from "./sign-payload";

export type { SendResult };

/** POST a body to a channel URL, signed when a secret is set. */
export async function sendWebhook(options: {
  url: string;
  body: string;
  secret: string | null;
  deliveryId: string;
  now: Date;
  timeoutMs?: number;
}): Promise<SendResult> {
  const timestampSec = Math.floor(options.now.getTime() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    [TIMESTAMP_HEADER]: String(timestampSec),
    [DELIVERY_HEADER]: options.deliveryId,
  };
  if (options.secret) headers[SIGNATURE_HEADER] = signPayload({ secret: options.secret, body: options.body, timestampSec });
  return postRequest({ url: options.url, headers, body: options.body, timeoutMs: options.timeoutMs });
}
