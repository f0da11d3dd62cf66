import { z } from "zod";

// Channel targets are operator input: only http(s) URLs without credentials in them (the HMAC
// secret is the credential), short enough to log. Redirects are never followed when sending.
export const channelUrlSchema = z
  .string()
  .trim()
  .min(1, "enter a URL")
  .max(2000, "at most 2000 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "not a valid URL (e.g. https://hooks.example.com/wanscope)" });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      ctx.addIssue({ code: "custom", message: "must start with http:// or https://" });
    if (url.username || url.password)
      ctx.addIssue({ code: "custom", message: "must not contain a user name or password; use the signing secret" });
    if (!url.hostname) ctx.addIssue({ code: "custom", message: "needs a host name" });
  });
