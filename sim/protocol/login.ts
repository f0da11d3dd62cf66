// /login by the router's personality. Pre-6.43 routers answer any /login without =response= with a
// challenge (that is how node-routeros detects them: its plain attempt comes back with =ret=).
// 6.43–6.45.0 accept both forms. 6.45.1+ still hand out a challenge but never accept a response.

import { createHash, randomBytes } from "node:crypto";
import type { Attributes, FaultState, LoginMode } from "./router-api";
import { TRAP } from "./trap-messages";

export type LoginRouter = {
  loginMode(): LoginMode;
  checkCredentials(user: string, password: string): boolean;
  passwordOf?(user: string): string | undefined;
  faults(): FaultState;
};

export type LoginOutcome =
  | { kind: "challenge"; challenge: Buffer } // !done =ret=<hex>
  | { kind: "accepted"; user: string } // !done
  | { kind: "rejected"; message: string }; // !trap =message= then !done

export function challengeResponse(password: string, challenge: Buffer): string {
  const hash = createHash("md5")
    .update(Buffer.from([0]))
    .update(password, "utf8")
    .update(challenge)
    .digest("hex");
  return `00${hash}`;
}

export function handleLogin({
  router,
  attributes,
  pendingChallenge,
}: {
  router: LoginRouter;
  attributes: Attributes;
  pendingChallenge: Buffer | undefined;
}): LoginOutcome {
  const mode = router.loginMode();
  const user = attributes["name"] ?? "";
  const { password, response } = attributes;
  const failure = mode === "challenge" ? TRAP.loginFailedOld : TRAP.loginFailed;
  const reject = (): LoginOutcome => ({ kind: "rejected", message: failure });

  if (response !== undefined) {
    if (mode === "plain" || pendingChallenge === undefined) return reject();
    if (router.faults().wrongPassword) return reject();
    const stored = router.passwordOf?.(user);
    if (stored === undefined) return reject();
    return response.toLowerCase() === challengeResponse(stored, pendingChallenge) ? { kind: "accepted", user } : reject();
  }
  const plainAttempt = mode !== "challenge" && (password !== undefined || attributes["name"] !== undefined);
  if (!plainAttempt) return { kind: "challenge", challenge: randomBytes(16) };
  if (router.faults().wrongPassword) return reject();
  return router.checkCredentials(user, password ?? "") ? { kind: "accepted", user } : reject();
}
