import { postRequest, type SendResult } from "./post-request";

// Telegram's Bot API: sendMessage to the chat, authenticated by the bot token in the path
// (https://core.telegram.org/bots/api#sendmessage). It answers { ok, result } or { ok: false,
// description, parameters.retry_after }; a refusal is a failed attempt, retried with backoff.

export const TELEGRAM_BOT_TOKEN = /^\d{5,15}:[A-Za-z0-9_-]{30,60}$/;
export const TELEGRAM_CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;

function refusal(status: number, body: string): string | null {
  try {
    const answer = JSON.parse(body) as { ok?: boolean; description?: string; parameters?: { retry_after?: number } };
    if (answer.ok === true) return null;
    const wait = answer.parameters?.retry_after ? ` (retry after ${answer.parameters.retry_after} s)` : "";
    return `Telegram refused: ${answer.description ?? `HTTP ${status}`}${wait}`;
  } catch {
    return status >= 200 && status < 300 ? "Telegram answered something that is not its JSON" : null;
  }
}

export async function sendTelegram(options: {
  apiUrl: string;
  botToken: string;
  chatId: string;
  text: string;
  timeoutMs?: number;
}): Promise<SendResult> {
  const body = JSON.stringify({ chat_id: options.chatId, text: options.text.slice(0, 4096), disable_web_page_preview: true });
  const url = `${options.apiUrl.replace(/\/+$/, "")}/bot${options.botToken}/sendMessage`;
  const result = await postRequest({
    url,
    headers: { "content-type": "application/json" },
    body,
    timeoutMs: options.timeoutMs,
    check: refusal,
  });
  // The token is part of the URL: never let it into an error text stored with the delivery.
  return result.error ? { ...result, error: result.error.split(options.botToken).join("<bot token>") } : result;
}
