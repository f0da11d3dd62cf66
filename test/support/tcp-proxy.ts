import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

// A TCP relay on 127.0.0.1 in front of a real service, that a test can take down (refusing and
// cutting connections, as a restarting Postgres does) and bring back on the same port.
export async function startTcpProxy(target: { host: string; port: number }): Promise<{
  port: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const relay = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  };
  let server: Server = createServer(relay);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return {
    port,
    down: stop,
    up: async () => {
      server = createServer(relay);
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
    close: stop,
  };
}
