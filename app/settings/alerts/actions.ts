"use server";
import { revalidatePath } from "next/cache";
import { channelInput, fieldErrors, ruleConfigInput, silenceInput } from "@/lib/alerts/settings/settings-input";
import { saveRuleConfig } from "@/lib/alerts/settings/save-rule-config";
import { deleteRuleConfig } from "@/lib/alerts/settings/delete-rule-config";
import { createSilence } from "@/lib/alerts/settings/create-silence";
import { endSilence } from "@/lib/alerts/settings/end-silence";
import { saveChannel } from "@/lib/alerts/settings/save-channel";
import { deleteChannel } from "@/lib/alerts/settings/delete-channel";
import { sendTestNotification } from "@/lib/alerts/deliver/send-test-notification";
import { resolveSecretKey } from "@/lib/crypto/secret-key";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { FormState } from "@/components/alerts/form-state";
import { requireActionUser } from "@/lib/auth/request";

// Server actions of the alert settings page: parse the form with zod, call lib/alerts, map errors.
// Every action first checks, on the server, an admin session, the Origin and the form's CSRF token.

const PATH = "/settings/alerts";
const fields = (form: FormData) => Object.fromEntries([...form.keys()].map((k) => [k, form.get(k)]));
// Refill a rejected form, never echoing a secret back.
const values = (form: FormData) =>
  Object.fromEntries([...form.keys()].filter((k) => k !== "secret" && !k.startsWith("$")).map((k) => [k, String(form.get(k) ?? "")]));
const idOf = (form: FormData) => {
  const n = Number(form.get("id"));
  return Number.isInteger(n) && n > 0 ? n : null;
};

async function denied(form: FormData): Promise<FormState | null> {
  try {
    await requireActionUser({ role: "admin", form });
    return null;
  } catch (error) {
    return { ok: false, message: toAppError(error).publicMessage };
  }
}

function failure(error: unknown, what: string): FormState {
  const appError = toAppError(error);
  if (appError.code === "internal")
    log.error({ event: "alerts.settings_failed", what, err: appError.message }, "alert settings action failed");
  return { ok: false, message: appError.code === "internal" ? `Could not ${what}; see the server log.` : appError.publicMessage };
}

function secretKey(): Buffer | null {
  try {
    const env = getEnv();
    return resolveSecretKey({ fromEnv: env.WANSCOPE_SECRET_KEY, keyFile: env.WANSCOPE_SECRET_KEY_FILE, allowGenerate: false }).key;
  } catch {
    return null;
  }
}

export async function saveRuleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const refused = await denied(form);
  if (refused) return refused;
  const parsed = ruleConfigInput.safeParse(fields(form));
  if (!parsed.success)
    return { ok: false, errors: fieldErrors(parsed.error), values: values(form), message: "Fix the fields marked below." };
  try {
    await saveRuleConfig({ db: getDb(), input: parsed.data });
    revalidatePath(PATH);
    return { ok: true, message: parsed.data.routerId ? "Router override saved." : "Fleet default saved." };
  } catch (error) {
    return failure(error, "save the rule");
  }
}

export async function deleteRuleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const refused = await denied(form);
  if (refused) return refused;
  const id = idOf(form);
  if (!id) return { ok: false, message: "Unknown rule setting." };
  await deleteRuleConfig({ db: getDb(), id });
  revalidatePath(PATH);
  return { ok: true, message: "Reset to the inherited setting." };
}

export async function createSilenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  const refused = await denied(form);
  if (refused) return refused;
  const parsed = silenceInput.safeParse(fields(form));
  if (!parsed.success)
    return { ok: false, errors: fieldErrors(parsed.error), values: values(form), message: "Fix the fields marked below." };
  try {
    await createSilence({ db: getDb(), input: parsed.data, byUserId: null });
    revalidatePath(PATH);
    return { ok: true, message: "Silence added." };
  } catch (error) {
    return failure(error, "add the silence");
  }
}

export async function endSilenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  const refused = await denied(form);
  if (refused) return refused;
  const id = idOf(form);
  if (!id) return { ok: false, message: "Unknown silence." };
  const ended = await endSilence({ db: getDb(), id, now: new Date() });
  revalidatePath(PATH);
  return { ok: ended, message: ended ? "Silence ended." : "That silence had already ended." };
}

export async function saveChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const refused = await denied(form);
  if (refused) return refused;
  const parsed = channelInput.safeParse(fields(form));
  if (!parsed.success)
    return { ok: false, errors: fieldErrors(parsed.error), values: values(form), message: "Fix the fields marked below." };
  const key = secretKey();
  if (parsed.data.secret && !key)
    return { ok: false, values: values(form), errors: { secret: "cannot be stored: the server has no WANSCOPE_SECRET_KEY to encrypt it" } };
  try {
    await saveChannel({ db: getDb(), input: parsed.data, secretKey: key ?? Buffer.alloc(0) });
    revalidatePath(PATH);
    return { ok: true, message: "Channel saved." };
  } catch (error) {
    const unique = error instanceof Error && "code" in error && (error as { code?: string }).code === "P2002";
    if (unique) return { ok: false, values: values(form), errors: { name: "another channel has this name" } };
    return failure(error, "save the channel");
  }
}

export async function deleteChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const refused = await denied(form);
  if (refused) return refused;
  const id = idOf(form);
  if (!id) return { ok: false, message: "Unknown channel." };
  await deleteChannel({ db: getDb(), id });
  revalidatePath(PATH);
  return { ok: true, message: "Channel deleted." };
}

export async function testChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const refused = await denied(form);
  if (refused) return refused;
  const id = idOf(form);
  if (!id) return { ok: false, message: "Unknown channel." };
  try {
    const result = await sendTestNotification({
      db: getDb(),
      channelId: id,
      secretKey: secretKey() ?? Buffer.alloc(32),
      now: new Date(),
      smtp: getEnv().SMTP_URL ? { url: getEnv().SMTP_URL!, from: getEnv().SMTP_FROM } : null,
      telegramApiUrl: getEnv().TELEGRAM_API_URL,
    });
    return result.ok
      ? { ok: true, message: `Test notification delivered (HTTP ${result.status}, ${result.ms} ms).` }
      : { ok: false, message: `Test notification failed: ${result.error}` };
  } catch (error) {
    return failure(error, "send the test notification");
  }
}
