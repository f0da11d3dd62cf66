import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fleet } from "@/sim/fleet";
import { RouterTlsError, readSystemIdentity, type RouterSession, type RouterTls } from "@/lib/routeros";
import { sessionFor, startFleet } from "./helpers";

let fleet: Fleet;
const open: RouterSession[] = [];

beforeAll(async () => {
  fleet = await startFleet([
    { name: "cert-a", version: "7.19", tlsMode: "certificate" },
    { name: "cert-b", version: "6.49", tlsMode: "certificate" },
    { name: "anon", version: "7.19", tlsMode: "anonymous-dh" },
  ]);
});

afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  await fleet?.close();
});

function connectWith(name: string, tls: RouterTls): Promise<unknown> {
  const session = sessionFor(fleet.get(name), { tls });
  open.push(session);
  return readSystemIdentity({ client: session });
}

const server = (name: string) => {
  const s = fleet.get(name).server;
  if (!s?.certificatePem || !s.fingerprint256) throw new Error(`${name} has no certificate`);
  return { pem: s.certificatePem, fingerprint: s.fingerprint256 };
};

describe("API-SSL", () => {
  it("connects when the pinned fingerprint matches (any case, with or without colons)", async () => {
    await expect(connectWith("cert-a", { mode: "fingerprint", sha256: server("cert-a").fingerprint })).resolves.toEqual({ name: "cert-a" });
    const bare = server("cert-b").fingerprint.replaceAll(":", "").toLowerCase();
    await expect(connectWith("cert-b", { mode: "fingerprint", sha256: bare })).resolves.toEqual({ name: "cert-b" });
  });

  it("refuses a certificate that does not match the pin, before sending credentials", async () => {
    const router = fleet.get("cert-a");
    const before = router.router.logins;
    const error = await connectWith("cert-a", { mode: "fingerprint", sha256: server("cert-b").fingerprint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouterTlsError);
    expect((error as Error).message).toContain("fingerprint");
    expect(router.router.logins).toBe(before);
  });

  it("verifies against a CA, including the address the certificate names", async () => {
    await expect(connectWith("cert-a", { mode: "ca", caPem: server("cert-a").pem })).resolves.toEqual({ name: "cert-a" });
    await expect(connectWith("cert-a", { mode: "ca", caPem: server("cert-b").pem })).rejects.toBeInstanceOf(RouterTlsError);
    const wrongName = await connectWith("cert-a", { mode: "ca", caPem: server("cert-a").pem, serverName: "router.example" }).catch(
      (e: unknown) => e,
    );
    expect(wrongName).toBeInstanceOf(RouterTlsError);
    expect((wrongName as Error).message).toMatch(/ALTNAME/);
  });

  it("talks to a router without a certificate only when anonymous DH is chosen", async () => {
    await expect(connectWith("anon", { mode: "anonymous-dh" })).resolves.toEqual({ name: "anon" });
    await expect(connectWith("anon", { mode: "ca", caPem: server("cert-a").pem })).rejects.toBeInstanceOf(RouterTlsError);
  });
});
