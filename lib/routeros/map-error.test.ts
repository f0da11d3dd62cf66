import { describe, expect, it } from "vitest";
import { RosException } from "node-routeros";
import { RouterAuthFailedError, RouterTlsError, RouterUnreachableError, RouterTimeoutError } from "./errors";
import { mapConnectError } from "./map-error";

// node-routeros passes numeric errnos and undefined at runtime, though its types say string.
const ros = (errno: unknown, extras?: Record<string, unknown>) => new RosException(errno as string, extras);
const sys = (code: string, errno: number) => Object.assign(new Error(`connect ${code}`), { code, errno });

describe("mapConnectError", () => {
  it.each([
    ["refused (raw socket error)", ros(-111), sys("ECONNREFUSED", -111), RouterUnreachableError, "ECONNREFUSED"],
    ["refused (only the numeric errno)", ros(-111), undefined, RouterUnreachableError, "ECONNREFUSED"],
    ["host unreachable", ros(-113), sys("EHOSTUNREACH", -113), RouterUnreachableError, "EHOSTUNREACH"],
    ["socket timeout while connecting", ros("SOCKTMOUT", { seconds: 10 }), undefined, RouterUnreachableError, "connect timeout"],
    ["node-routeros CANTLOGIN", ros("CANTLOGIN"), undefined, RouterAuthFailedError, "invalid user name or password"],
    ["6.43+ trap text", new Error("invalid user name or password (6)"), undefined, RouterAuthFailedError, "invalid user name or password"],
    ["old trap text", new Error("cannot log in"), undefined, RouterAuthFailedError, "invalid user name or password"],
    [
      "self-signed cert with CA verification",
      ros(undefined),
      Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }),
      RouterTlsError,
      "DEPTH_ZERO_SELF_SIGNED_CERT",
    ],
    [
      "name mismatch",
      ros(undefined),
      Object.assign(new Error("Hostname/IP does not match"), { code: "ERR_TLS_CERT_ALTNAME_INVALID" }),
      RouterTlsError,
      "ALTNAME",
    ],
    ["no shared cipher", ros(undefined), new Error("ssl3_read_bytes:sslv3 alert handshake failure"), RouterTlsError, "handshake"],
    ["something else", new Error("weird"), undefined, RouterUnreachableError, "weird"],
  ])("%s", (_name, error, socketError, type, text) => {
    const mapped = mapConnectError({ error, socketError, ctx: { host: "127.0.0.1:8728" } });
    expect(mapped).toBeInstanceOf(type);
    expect(mapped.message).toContain(text);
    expect(mapped.message).toContain("127.0.0.1:8728");
  });

  it("passes our own errors through", () => {
    const timeout = new RouterTimeoutError(500);
    expect(mapConnectError({ error: timeout, ctx: {} })).toBe(timeout);
  });
});
