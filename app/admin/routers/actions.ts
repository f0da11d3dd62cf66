"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionUser, webSecretKey } from "@/lib/auth/request";
import { getDb } from "@/lib/db";
import { publicMessage, toAppError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { pollQueue } from "@/lib/runtime/web-runtime";
import {
  addRouterInput,
  correctWans,
  createRouter,
  deleteRouter,
  setRouterEnabled,
  testConnection,
  testConnectionInput,
  updateRouter,
  updateRouterInput,
  type RouterAdminCtx,
} from "@/lib/routers";
import type { RouterFormState, TestConnectionAnswer } from "@/components/routers/form-state";
import { formId, refillValues, routerFormInput, validationFieldErrors, zodFieldErrors } from "./form-input";

// Server actions of the router admin pages: each first checks, on the server, an admin session, the
// Origin and the form's CSRF token; then parses the form with zod, calls lib/routers and maps errors.
// Passwords are never echoed back, logged or put in the audit log.

const LIST = "/admin/routers";

const adminCtx = (): RouterAdminCtx => ({ db: getDb(), secretKey: webSecretKey(), pollQueue: pollQueue(), log });

async function denied(form: FormData): Promise<{ user: { id: number; email: string } } | { refused: string }> {
  try {
    const { user } = await requireActionUser({ role: "admin", form });
    return { user };
  } catch (error) {
    return { refused: toAppError(error).publicMessage };
  }
}

function failure(error: unknown, what: string, form: FormData): RouterFormState {
  const appError = toAppError(error);
  if (appError.code === "internal") log.error({ event: "routers.admin_failed", what, err: appError.message }, "router admin action failed");
  const errors = validationFieldErrors(error);
  const message =
    appError.code === "internal"
      ? `Could not ${what}; see the server log.`
      : error instanceof ValidationError && !errors
        ? error.message
        : appError.publicMessage;
  return { ok: false, message, errors, values: refillValues(form) };
}

const back = (path: string, message: string, ok: boolean): never =>
  redirect(`${path}?${ok ? "ok" : "error"}=${encodeURIComponent(message)}`);

export async function createRouterAction(_prev: RouterFormState, form: FormData): Promise<RouterFormState> {
  const who = await denied(form);
  if ("refused" in who) return { ok: false, message: who.refused };
  const parsed = addRouterInput.safeParse(routerFormInput(form));
  if (!parsed.success)
    return { ok: false, errors: zodFieldErrors(parsed.error), values: refillValues(form), message: "Fix the fields marked below." };
  let done: { id: number; message: string };
  try {
    const created = await createRouter({ ctx: adminCtx(), input: parsed.data, user: who.user });
    const found = created.discovery.ok
      ? `discovered ${created.discovery.wans.length} WAN(s)`
      : `discovery failed (${created.discovery.message}); polling will retry`;
    done = { id: created.id, message: `Added ${created.name}: ${found}.` };
  } catch (error) {
    return failure(error, "add the router", form);
  }
  revalidatePath(LIST);
  return back(`${LIST}/${done.id}/edit`, done.message, true);
}

export async function updateRouterAction(_prev: RouterFormState, form: FormData): Promise<RouterFormState> {
  const who = await denied(form);
  if ("refused" in who) return { ok: false, message: who.refused };
  const parsed = updateRouterInput.safeParse({
    ...routerFormInput(form),
    id: formId(form) ?? undefined,
    enabled: form.get("enabled") === "on",
  });
  if (!parsed.success)
    return { ok: false, errors: zodFieldErrors(parsed.error), values: refillValues(form), message: "Fix the fields marked below." };
  try {
    const result = await updateRouter({ ctx: adminCtx(), input: parsed.data, user: who.user });
    revalidatePath(LIST);
    return {
      ok: true,
      message: result.passwordChanged ? "Saved; the new password is stored encrypted." : "Saved; the stored password is kept.",
    };
  } catch (error) {
    return failure(error, "save the router", form);
  }
}

/** Called from the form's "Test connection" button with the form's fields; nothing is stored. */
export async function testConnectionAction(form: FormData): Promise<TestConnectionAnswer> {
  const who = await denied(form);
  if ("refused" in who) return { ok: false, code: "invalid", message: who.refused };
  const parsed = testConnectionInput.safeParse({ ...routerFormInput(form), routerId: formId(form) ?? undefined });
  if (!parsed.success) return { ok: false, code: "invalid", message: "Fix the fields marked below.", errors: zodFieldErrors(parsed.error) };
  try {
    return await testConnection({ ctx: { db: getDb(), secretKey: webSecretKey(), log }, input: parsed.data });
  } catch (error) {
    return {
      ok: false,
      code: "invalid",
      message: error instanceof ValidationError ? error.issues.join("; ") || error.message : publicMessage(error),
      errors: validationFieldErrors(error),
    };
  }
}

export async function setRouterEnabledAction(form: FormData): Promise<void> {
  const who = await denied(form);
  if ("refused" in who) return back(LIST, who.refused, false);
  const id = formId(form);
  const enabled = form.get("enabled") === "true";
  try {
    if (!id) throw new ValidationError("unknown router");
    await setRouterEnabled({ ctx: adminCtx(), input: { id, enabled }, user: who.user });
  } catch (error) {
    return back(LIST, publicMessage(error), false);
  }
  revalidatePath(LIST);
  back(LIST, enabled ? "Enabled; polling resumes." : "Disabled; polling stopped.", true);
}

export async function deleteRouterAction(form: FormData): Promise<void> {
  const who = await denied(form);
  if ("refused" in who) return back(LIST, who.refused, false);
  const id = formId(form);
  let name: string;
  try {
    if (!id) throw new ValidationError("unknown router");
    name = (await deleteRouter({ ctx: adminCtx(), input: { id }, user: who.user })).name;
  } catch (error) {
    return back(LIST, publicMessage(error), false);
  }
  revalidatePath(LIST);
  back(LIST, `Deleted ${name} and its history.`, true);
}

export async function correctWansAction(form: FormData): Promise<void> {
  const who = await denied(form);
  const routerId = formId(form);
  const page = `${LIST}/${routerId ?? 0}/edit`;
  if ("refused" in who) return back(page, who.refused, false);
  const wans = form.getAll("wanId").map((wanId) => {
    const field = (name: string) => String(form.get(`${name}-${String(wanId)}`) ?? "");
    return {
      id: String(wanId),
      expectedWeight: field("expectedWeight"),
      interface: field("interface"),
      addressList: field("addressList"),
      gateway: field("gateway"),
    };
  });
  let changed: number;
  try {
    changed = (await correctWans({ ctx: { db: getDb() }, input: { routerId: routerId ?? 0, wans: wans as never }, user: who.user }))
      .changed;
  } catch (error) {
    const detail =
      error instanceof ValidationError && error.issues.length > 0 ? `${error.message}: ${error.issues.join("; ")}` : publicMessage(error);
    return back(page, detail, false);
  }
  revalidatePath(page);
  back(page, changed === 0 ? "No WAN changed." : `Saved ${changed} WAN correction(s); discovery keeps them.`, true);
}
