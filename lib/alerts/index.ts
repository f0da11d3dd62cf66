export type { Observation, OpenState, RuleKind, RuleSettings, Severity } from "./types";
export { RULE_KINDS, RULE_LABEL, RULE_HELP, DEFAULT_RULE_SETTINGS, FLAG_RULES, UNMARKED_EXPLANATION, isRuleKind } from "./rules";
export { resolveRuleSettings, type RuleConfigRow } from "./resolve-rule-settings";
export { nextAlertState, acknowledgeState, classify, type TransitionInput, type TransitionResult } from "./transition";
export { observeRouter, samplesAreFresh, type RouterFacts, type LatestSamples, type DualListedClient } from "./observe-router";
export { findSilence, type SilenceWindow } from "./silences";
export { evaluateRouterAlerts, openKeyOf, type EvaluateOutcome } from "./evaluate-router";
export { checkFleetAlerts } from "./check-fleet";
export { acknowledgeAlert, type AcknowledgeOutcome } from "./acknowledge-alert";
export { recordAlertEvent } from "./record-event";
export { enqueueDeliveries, deliveryJobId } from "./enqueue-deliveries";
export { deliverAlert, DeliveryFailedError, type AttemptLogEntry, type DeliverOutcome } from "./deliver-alert";
export { sendWebhook, type SendResult } from "./send-webhook";
export { sendTestNotification } from "./send-test-notification";
export { signPayload, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER } from "./sign-payload";
export { buildWebhookPayload, buildSlackPayload, type WebhookPayload, type PayloadEvent } from "./build-payload";
export { channelUrlSchema, isChannelUrl } from "./channel-url";
export { deliveryBackoffMs, DELIVERY_BACKOFF, DELIVERY_MAX_ATTEMPTS, DELIVERY_BACKOFF_TYPE } from "./delivery-backoff";
export {
  ruleConfigInput,
  silenceInput,
  channelInput,
  fieldErrors,
  type RuleConfigInput,
  type SilenceInput,
  type ChannelInput,
} from "./settings-input";
export { saveRuleConfig, scopeKeyOf } from "./save-rule-config";
export { deleteRuleConfig } from "./delete-rule-config";
export { createSilence } from "./create-silence";
export { endSilence } from "./end-silence";
export { saveChannel } from "./save-channel";
export { deleteChannel } from "./delete-channel";
