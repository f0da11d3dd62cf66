import type { Severity } from "../types";
import { postRequest, type SendResult } from "./post-request";

// ntfy (ntfy.sh or a self-hosted server): the message is the body of a POST to the topic URL, its
// title, priority and tags are headers, and an access token (tk_…) goes as a bearer token.
// https://docs.ntfy.sh/publish/

const PRIORITY: Record<Severity, string> = { info: "3", warning: "4", critical: "5" };
const TAGS: Record<Severity, string> = { info: "information_source", warning: "warning", critical: "rotating_light" };

/** Header values must be Latin-1 for HTTP; ntfy decodes RFC 2047 for the rest, so non-ASCII titles are encoded. */
const headerText = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString("base64")}?=`);

export async function sendNtfy(options: {
  topicUrl: string;
  title: string;
  message: string;
  severity: Severity;
  resolved: boolean;
  accessToken: string | null;
  deliveryId: string;
  timeoutMs?: number;
}): Promise<SendResult> {
  const headers: Record<string, string> = {
    "content-type": "text/plain; charset=utf-8",
    title: headerText(options.title),
    priority: options.resolved ? "3" : PRIORITY[options.severity],
    tags: options.resolved ? "white_check_mark" : TAGS[options.severity],
    "x-wanscope-delivery": options.deliveryId,
  };
  if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
  return postRequest({ url: options.topicUrl, headers, body: options.message.slice(0, 4000), timeoutMs: options.timeoutMs });
}
