"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { requireActionUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { publicMessage, ValidationError } from "@/lib/errors";
import type { CreateTokenState } from "@/components/tokens/create-token-state";

// Admin-only API token management: session, role, Origin and CSRF first; audited in lib/auth. The new
// token comes back in the action's state, shown once on the page, never in a URL or a log.

const detail = (error: unknown) =>
  error instanceof ValidationError && error.issues.length > 0 ? `${error.message}: ${error.issues.join("; ")}` : publicMessage(error);

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  try {
    const { user } = await requireActionUser({ role: "admin", form });
    const expires = String(form.get("expiresAt") ?? "").trim();
    const { token, row } = await createApiToken({
      db: getDb(),
      input: {
        name: String(form.get("name") ?? ""),
        scope: String(form.get("scope") ?? "") as "viewer",
        // datetime-local inputs carry no zone: the form says the time is UTC.
        ...(expires ? { expiresAt: expires.length === 16 ? `${expires}:00Z` : expires } : {}),
      },
      by: user,
      now: new Date(),
    });
    revalidatePath("/admin/tokens");
    return { created: { name: row.name, scope: row.scope, token }, error: null };
  } catch (error) {
    return { created: null, error: detail(error) };
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  let message: string;
  try {
    const { user } = await requireActionUser({ role: "admin", form });
    const { changed } = await revokeApiToken({ db: getDb(), id: Number(form.get("id")), by: user, now: new Date() });
    message = changed ? "Revoked." : "It was already revoked.";
  } catch (error) {
    redirect(`/admin/tokens?error=${encodeURIComponent(detail(error))}`);
  }
  revalidatePath("/admin/tokens");
  redirect(`/admin/tokens?ok=${encodeURIComponent(message)}`);
}
