// The RouterOS API service of one simulated router: plain API on one port, API-SSL on another,
// both on loopback only. TLS is layered by hand on accepted TCP sockets so an "unreachable"
// router can hold a connection silently without even completing the handshake.

import { createServer, type Server, type Socket } from "node:net";
import { TLSSocket } from "node:tls";
import { ApiSession, type Via } from "./api-session";
import type { RouterApi } from "./router-api";
import { createTlsIdentity, type TlsIdentity, type TlsMode } from "./tls-context";

export type ApiServerOptions = {
  router: RouterApi;
  /** Loopback only; anything else is refused. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** API-SSL port (0 = free port); leave out for no API-SSL listener. */
  tlsPort?: number;
  tlsMode?: TlsMode;
};

export type ApiServer = {
  port: number;
  tlsPort: number | undefined;
  /** PEM of the self-signed certificate (certificate mode), for clients that pin it. */
  certificatePem: string | undefined;
  fingerprint256: string | undefined;
  /** Cuts every open session without a word, as a reboot does. Listeners stay up. */
  dropSessions(): void;
  close(): Promise<void>;
};

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { router, host = "127.0.0.1", port, tlsPort, tlsMode = "certificate" } = options;
  if (!LOOPBACK.test(host)) throw new Error(`the simulator listens on loopback only, not ${host}`);
  const sessions = new Set<ApiSession>();
  const pending = new Set<Socket>(); // TLS sockets still in their handshake

  const open = (socket: Socket, via: Via, muted: boolean): void => {
    socket.setNoDelay(true); // small replies must not wait for Nagle + delayed ACK (40 ms)
    const session = new ApiSession({ socket, router, via, muted, onClose: (closed) => sessions.delete(closed) });
    sessions.add(session);
  };

  const plain = createServer((socket) => {
    const muted = router.faults().unreachable;
    if (muted || admit(router, socket, "api")) open(socket, "api", muted);
  });
  const listeners: Server[] = [plain];
  await listen(plain, host, port);

  let identity: TlsIdentity | undefined;
  let secure: Server | undefined;
  if (tlsPort !== undefined) {
    identity = await createTlsIdentity({ mode: tlsMode, commonName: router.name });
    const { context } = identity;
    secure = createServer((raw) => {
      raw.on("error", () => raw.destroy());
      raw.setNoDelay(true);
      if (router.faults().unreachable) {
        // Silence, as if the SYN-ACK never came back: no handshake, no bytes.
        pending.add(raw);
        raw.on("close", () => pending.delete(raw));
        return;
      }
      if (!admit(router, raw, "api-ssl")) return;
      const socket = new TLSSocket(raw, { isServer: true, secureContext: context, requestCert: false });
      pending.add(raw);
      socket.on("error", () => socket.destroy());
      socket.once("secure", () => {
        pending.delete(raw);
        open(socket, "api-ssl", false);
      });
      socket.on("close", () => pending.delete(raw));
    });
    listeners.push(secure);
    await listen(secure, host, tlsPort);
  }

  const dropSessions = (): void => {
    for (const session of [...sessions]) session.destroy();
    for (const socket of [...pending]) socket.destroy();
    pending.clear();
  };

  return {
    port: portOf(plain),
    tlsPort: secure === undefined ? undefined : portOf(secure),
    certificatePem: identity?.certificatePem,
    fingerprint256: identity?.fingerprint256,
    dropSessions,
    close: async () => {
      dropSessions();
      await Promise.all(listeners.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

/**
 * Takes one of the service's max-sessions slots for a new connection, released when it closes. At the
 * limit the connection is closed at once without a word (see docs/routeros-sessions.md); a disabled
 * service resets it, as a closed port would.
 */
function admit(router: RouterApi, socket: Socket, via: Via): boolean {
  const ledger = router.sessions;
  if (ledger === undefined) return true;
  if (!ledger.admit(via)) {
    if (ledger.settings(via).disabled) socket.resetAndDestroy();
    else socket.destroy();
    return false;
  }
  socket.once("close", () => ledger.release(via));
  return true;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      // A listener error after start (EMFILE on accept) must not crash the process.
      server.on("error", () => {});
      resolve();
    });
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  return address.port;
}
