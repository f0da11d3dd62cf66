import { expect, test } from "@playwright/test";

// An admin makes an API token in the UI, sees it once, uses it, and revokes it.
test("an admin creates a token, sees it once, and a revoked token stops working", async ({ page, baseURL }) => {
  const name = `ui-token-${Date.now()}`;
  await page.goto("/admin/tokens");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Scope").selectOption("viewer");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("token-secret").textContent())!.trim();
  expect(secret).toMatch(/^wsk_[A-Za-z0-9_-]{43}$/);
  const call = () => fetch(`${baseURL}/api/v1/routers`, { headers: { authorization: `Bearer ${secret}` } });
  expect((await call()).status).toBe(200);

  // Reloaded, the page shows only the prefix, and the use.
  await page.goto("/admin/tokens");
  const row = page.locator(`[data-testid="token-row"][data-name="${name}"]`);
  await expect(row).toContainText(`wsk_${secret.slice(4, 12)}…`);
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(row).toContainText("from");
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.locator(`[data-testid="token-row"][data-name="${name}"] [data-testid="token-state"]`)).toContainText("revoked");
  expect((await call()).status).toBe(401);
});
