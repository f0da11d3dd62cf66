"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { writeAudit } from "@/lib/actions/write-audit";
import { createUser, updateUser } from "@/lib/auth";
import { requireActionUser } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { publicMessage, ValidationError } from "@/lib/errors";

// Admin-only user management: each action checks the session, role, Origin and CSRF token first, is
// audited, and reports back through the query string (never echoing a password).

const back = (message: string, ok: boolean) => redirect(`/admin/users?${ok ? "ok" : "error"}=${encodeURIComponent(message)}`);
const detail = (error: unknown) =>
  error instanceof ValidationError && error.issues.length > 0 ? `${error.message}: ${error.issues.join("; ")}` : publicMessage(error);

export async function createUserAction(form: FormData): Promise<void> {
  let message: string;
  try {
    const { user } = await requireActionUser({ role: "admin", form });
    const created = await createUser({
      ctx: { db: getDb() },
      input: {
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? ""),
        role: String(form.get("role") ?? "") as "viewer",
        password: String(form.get("password") ?? ""),
      },
    });
    await writeAudit({
      ctx: { db: getDb() },
      input: { user, action: "user.create", after: { email: created.email, role: created.role }, result: "ok" },
    });
    message = `Created ${created.email} (${created.role}).`;
  } catch (error) {
    return back(detail(error), false);
  }
  revalidatePath("/admin/users");
  back(message, true);
}

export async function updateUserAction(form: FormData): Promise<void> {
  let message: string;
  try {
    const { user } = await requireActionUser({ role: "admin", form });
    const input = {
      change: String(form.get("change") ?? ""),
      userId: String(form.get("userId") ?? ""),
      role: String(form.get("role") ?? ""),
      disabled: String(form.get("disabled") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    const changed = await updateUser({ ctx: { db: getDb() }, input: input as never, byUserId: user.id });
    await writeAudit({
      ctx: { db: getDb() },
      input: {
        user,
        action: `user.${input.change}`,
        before: changed.before,
        after: changed.after,
        result: "ok",
        details: { userId: Number(input.userId) },
      },
    });
    message = "Saved.";
  } catch (error) {
    return back(detail(error), false);
  }
  revalidatePath("/admin/users");
  back(message, true);
}
