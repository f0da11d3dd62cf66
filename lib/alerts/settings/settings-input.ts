import { z } from "zod";
import { channelUrlSchema } from "./channel-url";
import { TELEGRAM_BOT_TOKEN, TELEGRAM_CHAT_ID } from "../deliver/send-telegram";
import { FLAG_RULES, RULE_KINDS } from "../rules";

// Form inputs for the alert settings, validated at the edge. Form fields arrive as strings; empty
// optional fields mean "inherit" (thresholds) or "keep" (a channel's secret).

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalNumber = z.preprocess(emptyToUndefined, z.coerce.number({ message: "enter a number" }).finite().optional());
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const ruleConfigInput = z
  .object({
    routerId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
    rule: z.enum(RULE_KINDS, { message: "choose a rule" }),
    enabled: checkbox,
    threshold: optionalNumber,
    clearThreshold: optionalNumber,
    forSeconds: z.preprocess(
      (v) => emptyToUndefined(v) ?? 0,
      z.coerce
        .number({ message: "enter whole seconds" })
        .int("enter whole seconds")
        .min(0, "0 or more")
        .max(7 * 86_400, "at most 7 days"),
    ),
    severity: z.enum(["info", "warning", "critical"], { message: "choose a severity" }),
  })
  .superRefine((v, ctx) => {
    if (FLAG_RULES.has(v.rule)) return;
    const [min, max, what] =
      v.rule === "stale" ? [1, 1000, "poll intervals (1–1000)"] : [0.01, 1, "a share between 0.01 and 1 (0.15 = 15%)"];
    for (const field of ["threshold", "clearThreshold"] as const) {
      const value = v[field];
      if (value !== undefined && (value < (field === "clearThreshold" ? 0 : min) || value > max))
        ctx.addIssue({ code: "custom", path: [field], message: `enter ${what}` });
    }
    if (v.threshold !== undefined && v.clearThreshold !== undefined && v.clearThreshold > v.threshold) {
      ctx.addIssue({ code: "custom", path: ["clearThreshold"], message: "must not be above the threshold (it is where the alert clears)" });
    }
  });
export type RuleConfigInput = z.infer<typeof ruleConfigInput>;

const dateTime = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? new Date(v.length === 16 ? `${v}:00Z` : v) : v),
    z.date({ message: `enter the ${what}` }).refine((d) => !Number.isNaN(d.getTime()), `enter a valid ${what}`),
  );

export const silenceInput = z
  .object({
    routerId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
    rule: z.preprocess(emptyToUndefined, z.enum(RULE_KINDS, { message: "choose a rule" }).optional()),
    startsAt: dateTime("start time (UTC)"),
    endsAt: dateTime("end time (UTC)"),
    reason: z.string().trim().min(1, "say why (shown next to silenced alerts)").max(200, "at most 200 characters"),
  })
  .refine((v) => v.endsAt.getTime() > v.startsAt.getTime(), { path: ["endsAt"], message: "must be after the start" });
export type SilenceInput = z.infer<typeof silenceInput>;

export const channelInput = z
  .object({
    id: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
    name: z.string().trim().min(1, "enter a name").max(80, "at most 80 characters"),
    kind: z.enum(["webhook", "slack", "email", "ntfy", "telegram"], { message: "choose webhook, Slack, email, ntfy or Telegram" }),
    target: z.string(),
    secret: z.preprocess(emptyToUndefined, z.string().min(16, "at least 16 characters").max(200, "at most 200 characters").optional()),
    enabled: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "email") {
      const addresses = v.target
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean);
      if (addresses.length === 0 || !addresses.every((a) => z.email().safeParse(a).success))
        ctx.addIssue({ code: "custom", path: ["target"], message: "enter one or more email addresses, separated by commas" });
      return;
    }
    if (v.kind === "telegram") {
      if (!TELEGRAM_CHAT_ID.test(v.target.trim()))
        ctx.addIssue({ code: "custom", path: ["target"], message: "enter the chat id (-1001234567890) or @channelname" });
      if (v.secret !== undefined && !TELEGRAM_BOT_TOKEN.test(v.secret))
        ctx.addIssue({ code: "custom", path: ["secret"], message: "enter the bot token BotFather gave (123456789:AA…)" });
      return;
    }
    const url = channelUrlSchema.safeParse(v.target);
    if (!url.success) for (const issue of url.error.issues) ctx.addIssue({ code: "custom", path: ["target"], message: issue.message });
  });
export type ChannelInput = z.infer<typeof channelInput>;

/** zod issues → { field: first message }, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    out[field] ??= issue.message;
  }
  return out;
}
