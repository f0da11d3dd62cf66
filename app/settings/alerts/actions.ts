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
import { getDb, isUniqueViolation } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { ConfigError, toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { FormState } from "@/components/alerts/form-state";
import { requireActionUser, webSecretKey } from "@/lib/auth/request";

// Server actions of the alert settings page: parse the form with zod, call lib/alerts, map errors.
// Every action first checks, on the server, an admin session, the Origin and the form's CSRF token.
// The secret key comes from webSecretKey() only: a missing key fails with the variable's name.

const PATH = "/settings/alerts";
const fields = (form: FormData) => Object.fromEntries([...form.keys()].map((k) => [k, form.get(k)]));
// Refill a rejected form, never echoing a secret back.
const values = (form: FormData) =>
  Object.fromEntries([...form.keys()].filter((k) => k !== "secret" && !k.startsWith("$")).map((k) => [k, String(form.get(k) ?? "")]));
const idOf = (form: FormData) => {
  const n = Number(form.get("id"));
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

type Admin = { user: { id: number; email: string } };

async function admin(form: FormData): Promise<Admin | { refused: FormState }> {
  try {
    const { user } = await requireActionUser({ role: "admin", form });
    return { user };
  } catch (error) {
    return { refused: { ok: false, message: toAppError(error).publicMessage } };
  }
}

function failure(error: unknown, what: string): FormState {
  const appError = toAppError(error);
  if (appError.code === "internal")
    log.error({ event: "alerts.settings_failed", what, err: appError.message }, "alert settings action failed");
  return { ok: false, message: appError.code === "internal" ? `Could not ${what}; see the server log.` : appError.publicMessage };
}

/** The one-button forms (reset, end, delete): a known id, the change, a message; any error mapped. */
async function byId(
  form: FormData,
  options: { unknown: string; what: string; run: (id: number) => Promise<boolean>; done: string; gone: string },
): Promise<FormState> {
  const who = await admin(form);
  if ("refused" in who) return who.refused;
  const id = idOf(form);
  if (!id) return { ok: false, message: options.unknown };
  try {
    const changed = await options.run(id);
    revalidatePath(PATH);
    return { ok: changed, message: changed ? options.done : options.gone };
  } catch (error) {
    return failure(error, options.what);
  }
}

export async function saveRuleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const who = await admin(form);
  if ("refused" in who) return who.refused;
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
  return byId(form, {
    unknown: "Unknown rule setting.",
    what: "reset the rule",
    run: (id) => deleteRuleConfig({ db: getDb(), id }),
    done: "Reset to the inherited setting.",
    gone: "That setting had already been removed.",
  });
}

export async function createSilenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  const who = await admin(form);
  if ("refused" in who) return who.refused;
  const parsed = silenceInput.safeParse(fields(form));
  if (!parsed.success)
    return { ok: false, errors: fieldErrors(parsed.error), values: values(form), message: "Fix the fields marked below." };
  try {
    await createSilence({ db: getDb(), input: parsed.data, byUserId: who.user.id });
    revalidatePath(PATH);
    return { ok: true, message: "Silence added." };
  } catch (error) {
    return failure(error, "add the silence");
  }
}

export async function endSilenceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return byId(form, {
    unknown: "Unknown silence.",
    what: "end the silence",
    run: (id) => endSilence({ db: getDb(), id, now: new Date() }),
    done: "Silence ended.",
    gone: "That silence had already ended.",
  });
}

export async function saveChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const who = await admin(form);
  if ("refused" in who) return who.refused;
  const parsed = channelInput.safeParse(fields(form));
  if (!parsed.success)
    return { ok: false, errors: fieldErrors(parsed.error), values: values(form), message: "Fix the fields marked below." };
  try {
    await saveChannel({ db: getDb(), input: parsed.data, secretKey: webSecretKey() });
    revalidatePath(PATH);
    return { ok: true, message: "Channel saved." };
  } catch (error) {
    if (isUniqueViolation({ error, field: "name" }))
      return { ok: false, values: values(form), errors: { name: "another channel has this name" } };
    if (error instanceof ConfigError) return { ok: false, values: values(form), errors: { secret: `cannot be stored: ${error.message}` } };
    return failure(error, "save the channel");
  }
}

export async function deleteChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return byId(form, {
    unknown: "Unknown channel.",
    what: "delete the channel",
    run: (id) => deleteChannel({ db: getDb(), id }),
    done: "Channel deleted.",
    gone: "That channel had already been deleted.",
  });
}

export async function testChannelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const who = await admin(form);
  if ("refused" in who) return who.refused;
  const id = idOf(form);
  if (!id) return { ok: false, message: "Unknown channel." };
  try {
    const env = getEnv();
    const result = await sendTestNotification({
      db: getDb(),
      channelId: id,
      secretKey: webSecretKey(),
      now: new Date(),
      smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null,
      telegramApiUrl: env.TELEGRAM_API_URL,
    });
    return result.ok
      ? { ok: true, message: `Test notification delivered (HTTP ${result.status}, ${result.ms} ms).` }
      : { ok: false, message: `Test notification failed: ${result.error}` };
  } catch (error) {
    return failure(error, "send the test notification");
  }
}
