import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// Local stand-ins for ntfy and Telegram's Bot API that speak each one's request format and answer as
// the real service does: ntfy takes a POST to /<topic> with the message as body and Title/Priority/
// Tags headers, and an access token as a bearer token; the Bot API takes POST /bot<token>/sendMessage
// with JSON { chat_id, text } and answers { ok, result } or { ok: false, error_code, description }.

export type NtfyMessage = {
  topic: string;
  title: string;
  priority: string;
  tags: string;
  message: string;
  authorization: string | undefined;
};
export type TelegramMessage = { chatId: string; text: string };

type Mode = "ok" | "down";

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handler(req, Buffer.concat(chunks).toString("utf8"), res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { base, close };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

export async function startNtfy(options: { token: string }) {
  const received: NtfyMessage[] = [];
  const state = { mode: "ok" as Mode, refused: 0 };
  const server = await serve((req, body, res) => {
    const topic = (req.url ?? "/").slice(1);
    if (req.method !== "POST" || !/^[\w-]{1,64}$/.test(topic)) return json(res, 404, { code: 40401, http: 404, error: "page not found" });
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      state.refused++;
      return json(res, 403, { code: 40301, http: 403, error: "forbidden" });
    }
    if (state.mode === "down") return json(res, 502, { code: 50201, http: 502, error: "bad gateway" });
    const header = (name: string) => String(req.headers[name] ?? "");
    received.push({
      topic,
      title: header("title"),
      priority: header("priority"),
      tags: header("tags"),
      message: body,
      authorization: req.headers.authorization,
    });
    json(res, 200, { id: `m${received.length}`, time: Math.floor(Date.now() / 1000), event: "message", topic, message: body });
  });
  return { ...server, received, state };
}

export async function startTelegram(options: { botToken: string }) {
  const received: TelegramMessage[] = [];
  const state = { mode: "ok" as Mode, unauthorized: 0 };
  const server = await serve((req, body, res) => {
    const match = /^\/bot([^/]+)\/sendMessage$/.exec(req.url ?? "");
    if (!match) return json(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== options.botToken) {
      state.unauthorized++;
      return json(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    if (state.mode === "down")
      return json(res, 429, {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      });
    let payload: { chat_id?: unknown; text?: unknown };
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON" });
    }
    if (typeof payload.text !== "string" || payload.text === "" || payload.chat_id === undefined)
      return json(res, 400, { ok: false, error_code: 400, description: "Bad Request: message text is empty" });
    received.push({ chatId: String(payload.chat_id), text: payload.text });
    json(res, 200, {
      ok: true,
      result: { message_id: received.length, chat: { id: payload.chat_id }, date: Math.floor(Date.now() / 1000), text: payload.text },
    });
  });
  return { ...server, received, state };
}
