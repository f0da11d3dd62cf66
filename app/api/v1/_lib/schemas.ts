import { HEALTHS } from "@/lib/metrics/router-health";
import { RULE_KINDS } from "@/lib/alerts/rules";
import { z } from "./define";

// Response bodies as the API sends them (times as ISO 8601 text, shares 0..1), for the OpenAPI document.

const time = z.string().openapi({ format: "date-time" });
const share = z.number().nullable().openapi({ description: "0..1" });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      issues: z.array(z.string()).optional(),
      id: z.string().optional().openapi({ description: "Quote it when reporting an internal error." }),
    }),
  })
  .openapi("Error");

export const WanSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    expectedShare: z.number(),
    connections: z.number().nullable(),
    connectionShare: share,
    bps: z.number().nullable(),
    bpsShare: share,
    routeActive: z.boolean().nullable(),
  })
  .openapi("WanSummary");

export const Imbalance = z
  .object({
    maxDeviation: z.number().nullable(),
    worstWan: z.string().nullable(),
    level: z.enum(["balanced", "skewed", "imbalanced", "no-data"]),
  })
  .openapi("Imbalance");

export const RouterListItem = z
  .object({
    id: z.number().int(),
    name: z.string(),
    site: z.string().nullable(),
    tags: z.array(z.string()),
    health: z.enum(HEALTHS),
    statusSince: time.nullable(),
    lastError: z.string().nullable(),
    lastPollAt: time.nullable(),
    pollIntervalSec: z.number().int(),
    balancingMethod: z.string().nullable(),
    sampleAt: time.nullable(),
    connectionsTotal: z.number().nullable(),
    connectionsUnmarked: z.number().nullable(),
    clients: z.number().nullable(),
    dualListed: z.number().nullable(),
    listCounts: z.array(z.object({ list: z.string(), clients: z.number() })),
    imbalance: Imbalance,
    wans: z.array(WanSummary),
  })
  .openapi("RouterListItem");

export const RouterDetail = z
  .object({
    id: z.number().int(),
    name: z.string(),
    identity: z.string().nullable(),
    host: z.string(),
    port: z.number().int(),
    site: z.string().nullable(),
    tags: z.array(z.string()),
    rosVersion: z.string().nullable(),
    balancingMethod: z.string().nullable(),
    discoveryWarnings: z.array(z.string()),
    health: z.enum(HEALTHS),
    statusSince: time.nullable(),
    lastError: z.string().nullable(),
    lastPollAt: time.nullable(),
    pollIntervalSec: z.number().int(),
    dataStale: z.boolean(),
    wans: z.array(
      WanSummary.extend({
        interface: z.string(),
        gateway: z.string().nullable(),
        addressList: z.string().nullable(),
        connectionMark: z.string().nullable(),
        routing: z.string().nullable(),
        rxBps: z.number().nullable(),
        txBps: z.number().nullable(),
        newConnections: z.number().nullable(),
        running: z.boolean().nullable(),
        sampleAt: time.nullable(),
      }),
    ),
    latest: z
      .object({
        at: time,
        cpuLoad: z.number().nullable(),
        uptimeSec: z.number(),
        connectionsTotal: z.number(),
        connectionsUnmarked: z.number(),
        unmarkedShare: share,
        clients: z.number(),
        dualListed: z.number(),
        listCounts: z.array(z.object({ list: z.string(), clients: z.number() })),
        pollMs: z.number(),
      })
      .nullable(),
    imbalance: Imbalance,
  })
  .openapi("RouterDetail");

const wanPoint = z.object({
  rx: z.number().nullable(),
  tx: z.number().nullable(),
  conn: z.number().nullable(),
  connShare: share,
  newConn: z.number().nullable(),
  newShare: share,
  up: share,
});

export const RouterSeries = z
  .object({
    range: z.string(),
    source: z.enum(["raw", "minute", "hour"]).nullable(),
    binSec: z.number().int(),
    from: time,
    to: time,
    wans: z.array(z.object({ id: z.number().int(), name: z.string(), expectedShare: z.number() })),
    points: z.array(
      z.object({
        t: z.number().openapi({ description: "Bin start, Unix milliseconds." }),
        wan: z.record(z.string(), wanPoint).openapi({ description: "By WAN key `w<id>`." }),
        unmarked: z.object({ conn: z.number().nullable(), newConn: z.number().nullable(), newShare: share }),
      }),
    ),
    newSplit: z.object({
      total: z.number(),
      perWan: z.array(z.object({ id: z.number().int(), name: z.string(), newConnections: z.number(), share })),
      unmarked: z.object({ newConnections: z.number(), share }),
    }),
  })
  .openapi("RouterSeries");

export const Client = z
  .object({
    routerId: z.number().int(),
    routerName: z.string().optional(),
    address: z.string(),
    lists: z.array(z.string()),
    since: time.nullable(),
    dualListedSince: time.nullable(),
    flips24h: z.number().int().optional(),
  })
  .openapi("Client");

export const Alert = z
  .object({
    id: z.number().int(),
    routerId: z.number().int(),
    routerName: z.string(),
    rule: z.enum(RULE_KINDS),
    subject: z.string(),
    state: z.enum(["firing", "acknowledged", "resolved"]),
    severity: z.enum(["info", "warning", "critical"]),
    message: z.string(),
    firedAt: time,
    acknowledgedAt: time.nullable(),
    resolvedAt: time.nullable(),
    silenced: z.string().nullable(),
  })
  .openapi("Alert");

export const AuditEntry = z
  .object({
    id: z.string(),
    at: time,
    userId: z.number().int().nullable(),
    apiTokenId: z.number().int().nullable(),
    userEmail: z.string().openapi({ description: "The user's email, or token:<name> for an API token." }),
    action: z.string(),
    routerId: z.number().int().nullable(),
    routerName: z.string().nullable(),
    clientAddress: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    result: z.string(),
    details: z.unknown(),
  })
  .openapi("AuditEntry");

export const ClientActionStatus = z
  .object({
    id: z.number().int(),
    routerId: z.number().int(),
    address: z.string(),
    kind: z.enum(["move", "pin", "unpin", "resolve_dual"]),
    targetList: z.string().nullable(),
    status: z.enum(["pending", "running", "done", "failed"]),
    error: z.string().nullable(),
    requestedAt: time,
    finishedAt: time.nullable(),
    href: z.string().openapi({ description: "Poll this URL until status is done or failed." }),
  })
  .openapi("ClientAction");

export const ActionsAccepted = z.object({ batchId: z.string(), actions: z.array(ClientActionStatus) }).openapi("ActionsAccepted");

export const RouterWritten = z
  .object({
    id: z.number().int(),
    name: z.string().optional(),
    schedulesSynced: z.boolean(),
    discovery: z.unknown().optional().openapi({ description: "What discovery found on the router, or why it could not connect." }),
  })
  .openapi("RouterWritten");

export const AcknowledgeResult = z
  .object({ alertId: z.number().int(), state: z.enum(["acknowledged", "resolved"]), changed: z.boolean() })
  .openapi("AcknowledgeResult");
