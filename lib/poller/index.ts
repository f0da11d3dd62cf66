export { pollAndStoreRouter, type PollOutcome } from "./poll-and-store";
export { syncPollSchedulers, pollSchedulerId, pollPhaseMs } from "./schedule";
export { buildRollups, applyRetention, type RetentionDays } from "./rollups";
export { saveDiscoveredSetup } from "./save-discovery";
export { computePollResult } from "./compute-poll-result";
export { nextStatus, statusForError } from "./router-status";
