import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { Fleet } from "../fleet";

export type ControlServer = { port: number; close(): Promise<void> };

/**
 * Loopback-only HTTP control of a running fleet:
 *   GET  /routers                 every router with ports, user and ground truth
 *   GET  /routers/:name           one router's ground truth
 *   GET  /routers/:name/export    its configuration now, as RouterOS's /export prints it (text/plain)
 *   GET  /routers/:name/sessions  its API sessions: open and logged in per service, logins, logouts, refused
 *   POST /routers/:name/faults    JSON fault request (see control/faults.ts)
 */
export async function startControlServer({ fleet, port }: { fleet: Fleet; port: number }): Promise<ControlServer> {
  const server: Server = createServer((req, res) => {
    handle(fleet, req, res).catch((error: unknown) => send(res, 500, { error: (error as Error).message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function handle(fleet: Fleet, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const parts = url.pathname
    .split("/")
    .filter((p) => p !== "")
    .map(decodeURIComponent);
  if (req.method === "GET" && parts.length === 1 && parts[0] === "routers") {
    send(
      res,
      200,
      fleet.routers.map((r) => ({
        name: r.name,
        apiPort: r.apiPort ?? null,
        apiSslPort: r.apiSslPort ?? null,
        user: r.user,
        truth: fleet.truth(r.name),
      })),
    );
    return;
  }
  if (parts[0] !== "routers" || parts[1] === undefined) return send(res, 404, { error: "not found" });
  const name = parts[1];
  if (!fleet.routers.some((r) => r.name === name)) return send(res, 404, { error: `no router named "${name}"` });
  if (req.method === "GET" && parts.length === 2) return send(res, 200, fleet.truth(name));
  if (req.method === "GET" && parts.length === 3 && parts[2] === "export") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end(fleet.exportConfig(name));
    return;
  }
  if (req.method === "GET" && parts.length === 3 && parts[2] === "sessions")
    return send(res, 200, fleet.get(name).router.sessions.counts());
  if (req.method === "POST" && parts.length === 3 && parts[2] === "faults") {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { error: "body must be JSON" });
    }
    try {
      fleet.fault(name, body as never);
    } catch (error) {
      if (error instanceof z.ZodError)
        return send(res, 400, { error: "invalid fault request", issues: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
      return send(res, 400, { error: (error as Error).message });
    }
    return send(res, 200, fleet.truth(name));
  }
  send(res, 404, { error: "not found" });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 65_536) reject(new Error("body too large"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body, null, 2) + "\n");
}
