import { z } from "zod";
import { decryptSecret } from "../crypto/password-box";
import type { Db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { log as rootLog, type Logger } from "../log";
import { routerTls } from "./router-connection";
import {
  discoverRouter,
  normalizeFingerprint,
  readSystemIdentity,
  readSystemResource,
  RouterAuthFailedError,
  RouterProtocolError,
  RouterSession,
  RouterTimeoutError,
  RouterTlsError,
  RouterTrapError,
  RouterUnreachableError,
  type BalancingSetup,
  type RouterConnectionSettings,
} from "../routeros";
import { checkTlsFields, routerFields } from "./add-router";

// "Test connection" (other fields of the router form are ignored): log in with the settings on the form (or the stored password when the form's is
// empty), read version and identity, run discovery, close. Nothing is stored; the password is never
// logged or returned, and is blanked out of any router message that might echo it.

export const testConnectionInput = routerFields
  .pick({ host: true, port: true, tlsMode: true, tlsCaPem: true, tlsFingerprint: true, username: true })
  .extend({ routerId: z.coerce.number().int().positive().optional(), password: z.string().max(200).optional() })
  .superRefine(checkTlsFields);
export type TestConnectionInput = z.input<typeof testConnectionInput>;

export type DiscoveredWanSummary = {
  name: string;
  interface: string | null;
  addressList: string | null;
  gateway: string | null;
  expectedWeight: number;
};

export type ConnectionReport = {
  ok: true;
  version: string;
  routing: "v6" | "v7";
  boardName: string | null;
  identity: string;
  balancingMethod: BalancingSetup["classifierKind"];
  wans: DiscoveredWanSummary[];
  warnings: string[];
};

export type ConnectionFailureCode = "auth_failed" | "tls_failed" | "unreachable" | "timeout" | "router_error" | "protocol" | "failed";
export type ConnectionFailure = { ok: false; code: ConnectionFailureCode; message: string };

/** Connects once, reads what the report shows plus the full setup (for saving discovery), closes. */
export async function probeRouter(options: {
  settings: RouterConnectionSettings;
  timeoutMs?: number;
  log?: Logger;
}): Promise<{ ok: true; report: ConnectionReport; setup: BalancingSetup } | ConnectionFailure> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const session = new RouterSession({
    ...options.settings,
    commandTimeoutMs: timeoutMs,
    connectTimeoutMs: timeoutMs,
    retryLostReads: false,
    logger: options.log ?? rootLog,
  });
  try {
    const version = await session.connect();
    const [resource, identity, discovered] = await Promise.all([
      readSystemResource({ client: session }),
      readSystemIdentity({ client: session }),
      discoverRouter({ client: session }),
    ]);
    const { setup } = discovered;
    return {
      ok: true,
      setup,
      report: {
        ok: true,
        version: version.raw,
        routing: setup.routing,
        boardName: resource.boardName,
        identity: identity.name,
        balancingMethod: setup.classifierKind,
        wans: setup.wans.map((w) => ({
          name: w.name,
          interface: w.interface,
          addressList: w.addressList,
          gateway: w.gateway,
          expectedWeight: w.expectedWeight,
        })),
        warnings: setup.warnings,
      },
    };
  } catch (error) {
    return connectionFailure(error, options.settings.password);
  } finally {
    await session.close().catch(() => {});
  }
}

/** A typed failure carrying the router's own message (a router may echo what it was sent: blanked). */
export function connectionFailure(error: unknown, password: string): ConnectionFailure {
  const code: ConnectionFailureCode =
    error instanceof RouterTlsError
      ? "tls_failed"
      : error instanceof RouterAuthFailedError
        ? "auth_failed"
        : error instanceof RouterTimeoutError
          ? "timeout"
          : error instanceof RouterUnreachableError
            ? "unreachable"
            : error instanceof RouterTrapError
              ? "router_error"
              : error instanceof RouterProtocolError
                ? "protocol"
                : "failed";
  const raw = error instanceof Error ? error.message : String(error);
  const message = password.length > 0 ? raw.split(password).join("***") : raw;
  return { ok: false, code, message: message.slice(0, 500) };
}

/** Test the given settings, taking the stored password of `routerId` when none is given. */
export async function testConnection(options: {
  ctx: { db: Db; secretKey: Buffer; log?: Logger };
  input: TestConnectionInput;
  timeoutMs?: number;
}): Promise<ConnectionReport | ConnectionFailure> {
  const parsed = testConnectionInput.safeParse(options.input);
  if (!parsed.success)
    throw new ValidationError(
      "invalid connection settings",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  const v = parsed.data;
  let password = v.password ?? "";
  if (password === "") {
    if (!v.routerId) throw new ValidationError("a password is required", ["password: a password is required"]);
    const stored = await options.ctx.db.router.findUnique({ where: { id: v.routerId }, select: { passwordEnc: true, host: true } });
    if (!stored) throw new NotFoundError("router");
    // The stored password only goes to the host it was stored for.
    if (stored.host !== v.host)
      throw new ValidationError("enter the password to test another host", ["password: enter the password to test another host"]);
    password = decryptSecret(stored.passwordEnc, options.ctx.secretKey);
  }
  const tls = routerTls({
    tlsMode: v.tlsMode,
    tlsCaPem: v.tlsCaPem ?? null,
    tlsFingerprint: v.tlsFingerprint ? normalizeFingerprint(v.tlsFingerprint) : null,
  });
  const port = v.port ?? (v.tlsMode === "none" ? 8728 : 8729);
  const outcome = await probeRouter({
    settings: { host: v.host, port, user: v.username, password, tls },
    timeoutMs: options.timeoutMs,
    log: options.ctx.log,
  });
  return outcome.ok ? outcome.report : outcome;
}
