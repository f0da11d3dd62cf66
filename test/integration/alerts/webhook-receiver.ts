import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER } from "../../../lib/alerts/deliver/sign-payload";
import type { WebhookPayload } from "../../../lib/alerts/deliver/build-payload";

export type Received = {
  at: Date;
  body: string;
  json: WebhookPayload;
  signature: string | undefined;
  timestamp: string | undefined;
  deliveryId: string | undefined;
};

/** A webhook receiver on 127.0.0.1 that records every request; it can go down and come back on its port. */
export async function startReceiver(options: { status?: () => number } = {}): Promise<{
  url: string;
  received: Received[];
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
  verify: (r: Received, secret: string) => boolean;
}> {
  const received: Received[] = [];
  const handler = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
      const status = options.status?.() ?? 200;
      if (status < 300)
        received.push({
          at: new Date(),
          body,
          json: JSON.parse(body) as WebhookPayload,
          signature: header(SIGNATURE_HEADER),
          timestamp: header(TIMESTAMP_HEADER),
          deliveryId: header(DELIVERY_HEADER),
        });
      res.writeHead(status, status >= 300 && status < 400 ? { location: "http://example.com/elsewhere" } : {}).end("ok");
    });
  };
  let server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    down: close,
    up: async () => {
      server = createServer(handler);
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
    close,
    verify: (r, secret) => verifySignature({ secret, body: r.body, signature: r.signature, timestamp: r.timestamp, now: new Date() }).ok,
  };
}
