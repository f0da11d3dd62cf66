// Pure formatting for the dashboard: no clock, no locale of the machine.
export * from "./number";
export * from "./duration";
