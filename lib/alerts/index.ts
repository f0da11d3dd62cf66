export type { Observation, OpenState, RuleKind, RuleSettings, Severity } from "./types";
export { RULE_KINDS, RULE_LABEL, RULE_HELP, DEFAULT_RULE_SETTINGS, FLAG_RULES, UNMARKED_EXPLANATION } from "./rules";
export { resolveRuleSettings, type RuleConfigRow } from "./settings/resolve-rule-settings";
export { nextAlertState, acknowledgeState, classify, type TransitionInput, type TransitionResult } from "./evaluate/transition";
export { observeRouter, samplesAreFresh, type RouterFacts, type LatestSamples, type DualListedClient } from "./evaluate/observe-router";
export { findSilence, type SilenceWindow } from "./evaluate/silences";
export { evaluateRouterAlerts, openKeyOf, type EvaluateOutcome } from "./evaluate/evaluate-router";
export { checkFleetAlerts } from "./evaluate/check-fleet";
export { evaluateAndEnqueue } from "./evaluate/evaluate-and-enqueue";
export { acknowledgeAlert, type AcknowledgeOutcome } from "./acknowledge-alert";
export { recordAlertEvent } from "./record-event";
export { enqueueDeliveries, deliveryJobId } from "./deliver/enqueue-deliveries";
export { deliverAlert, DeliveryFailedError, type AttemptLogEntry, type DeliverOutcome } from "./deliver/deliver-alert";
export { sendWebhook, type SendResult } from "./deliver/send-webhook";
export { sendTestNotification } from "./deliver/send-test-notification";
export { signPayload, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER } from "./deliver/sign-payload";
export { buildWebhookPayload, buildSlackPayload, type WebhookPayload, type PayloadEvent } from "./deliver/build-payload";
export { channelUrlSchema } from "./settings/channel-url";
export {
  ruleConfigInput,
  silenceInput,
  channelInput,
  fieldErrors,
  type RuleConfigInput,
  type SilenceInput,
  type ChannelInput,
} from "./settings/settings-input";
export { saveRuleConfig, scopeKeyOf } from "./settings/save-rule-config";
export { deleteRuleConfig } from "./settings/delete-rule-config";
export { createSilence } from "./settings/create-silence";
export { endSilence } from "./settings/end-silence";
export { saveChannel } from "./settings/save-channel";
export { deleteChannel } from "./settings/delete-channel";
