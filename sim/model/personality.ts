import type { LoginMode } from "../protocol/router-api";
import type { DateStyle } from "./format";

/** What differs between RouterOS versions as far as a poller can see. */
export type Personality = {
  version: string;
  loginMode: LoginMode;
  sendsEmpty: boolean;
  routeStyle: "v6" | "v7";
  dateStyle: DateStyle;
  buildTime: string;
};

export const PERSONALITIES = {
  "6.40": {
    version: "6.40.9 (bugfix)",
    loginMode: "challenge",
    sendsEmpty: false,
    routeStyle: "v6",
    dateStyle: "v6",
    buildTime: "Aug/15/2018 09:42:10",
  },
  "6.49": {
    version: "6.49.10 (long-term)",
    loginMode: "plain",
    sendsEmpty: false,
    routeStyle: "v6",
    dateStyle: "v6",
    buildTime: "Sep/06/2023 09:26:12",
  },
  "7.19": {
    version: "7.19.1 (stable)",
    loginMode: "plain",
    sendsEmpty: true,
    routeStyle: "v7",
    dateStyle: "v7",
    buildTime: "2025-06-04 09:56:29",
  },
} as const satisfies Record<string, Personality>;

export type VersionName = keyof typeof PERSONALITIES;

export const VERSION_NAMES = Object.keys(PERSONALITIES) as VersionName[];
