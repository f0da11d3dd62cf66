import { expect } from "@playwright/test";

/** Sign in over the API as a browser would (same origin); returns the session cookie's value. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  expect(response.ok, `sign-in: HTTP ${response.status}`).toBe(true);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("wanscope_session="));
  expect(cookie).toBeTruthy();
  return cookie!.slice("wanscope_session=".length);
}
