import { clientActionInput, requestClientActions } from "@/lib/actions";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { writeAudit } from "@/lib/actions/write-audit";
import { RULE_KINDS } from "@/lib/alerts/rules";
import { webSecretKey } from "@/lib/auth/request";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { ALERT_STATE_FILTERS, listAlerts } from "@/lib/queries/alerts-list";
import { auditParamsSchema, listAuditEntries } from "@/lib/queries/audit-log";
import { searchClients } from "@/lib/queries/client-search";
import { listDualListedClients } from "@/lib/queries/dual-listed";
import { sharedFleetSnapshots } from "@/lib/queries/fleet-snapshot";
import { listRouterClients } from "@/lib/queries/router-clients";
import { getRouterDetail } from "@/lib/queries/router-detail";
import { routerHealth } from "@/lib/metrics/router-health";
import { getRouterSeries } from "@/lib/queries/router-series";
import { routerIdSchema } from "@/app/search-params";
import { RANGES } from "@/lib/metrics/series-plan";
import { actionsQueue, pollQueue } from "@/lib/runtime/web-runtime";
import { addRouterInput, createRouter, routerFields, setRouterEnabled, updateRouter, type RouterAdminCtx } from "@/lib/routers";
import { nextCursor, pageOf, pageQuery, readCursor } from "./cursor";
import { route, z, type ApiRoute } from "./define";
import * as S from "./schemas";

// Every route of /api/v1: reads for viewer tokens, client actions and acknowledgement for operator
// tokens, router administration for admin tokens. Inputs go through the app's own zod schemas and
// reads through lib/queries, so the API says what the dashboard says.

const idParams = z.object({ id: routerIdSchema.describe("Numeric id.") });
const flag = z
  .enum(["true", "false"])
  .optional()
  .transform((v) => v === "true");
const text = (max: number) => z.string().trim().max(max).optional();

// A partial edit built from the app's router fields (defaults removed, so an absent field keeps its
// value); the merged router is validated again by updateRouter's own schema.
const f = routerFields.shape;
const patchRouterBody = z
  .object({
    name: f.name.optional(),
    host: f.host.optional(),
    port: f.port,
    tlsMode: f.tlsMode.removeDefault().optional(),
    tlsCaPem: f.tlsCaPem,
    tlsFingerprint: f.tlsFingerprint,
    username: f.username.optional(),
    password: f.password.optional().openapi({ description: "A new password; leave out to keep the stored one." }),
    pollIntervalSec: f.pollIntervalSec.removeDefault().optional(),
    site: f.site,
    tags: f.tags.removeDefault().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .openapi("RouterPatch");

const adminCtx = (db: RouterAdminCtx["db"]): RouterAdminCtx => ({ db, secretKey: webSecretKey(), pollQueue: pollQueue(), log });

async function actionStatuses(options: { db: RouterAdminCtx["db"]; ids: number[]; base: string }) {
  const rows = await options.db.clientAction.findMany({
    where: { id: { in: options.ids } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      routerId: true,
      address: true,
      kind: true,
      targetList: true,
      status: true,
      error: true,
      requestedAt: true,
      finishedAt: true,
    },
  });
  return rows.map((r) => ({ ...r, href: `${options.base}/actions/${r.id}` }));
}

export const routes: ApiRoute[] = [
  route({
    method: "get",
    path: "/routers",
    scope: "viewer",
    tag: "routers",
    summary: "Routers with their WANs and newest samples",
    description: "In name order; filter by site or tag.",
    query: z.object({ site: text(100), tag: text(100), ...pageQuery }),
    response: pageOf(S.RouterListItem),
    handle: async ({ db, now, query }) => {
      const request = readCursor(query);
      const snapshot = await sharedFleetSnapshots.get({ db, now });
      const all = snapshot.routers.filter((r) => (!query.site || r.site === query.site) && (!query.tag || r.tags.includes(query.tag)));
      const rows = all.slice(request.offset, request.offset + request.size).map(({ status, enabled, ...r }) => ({
        ...r,
        health: routerHealth({ status, enabled, lastPollAt: r.lastPollAt, pollIntervalSec: r.pollIntervalSec, now }),
      }));
      return { body: { data: rows, nextCursor: nextCursor({ request, returned: rows.length, matching: all.length }) } };
    },
  }),
  route({
    method: "get",
    path: "/routers/{id}",
    scope: "viewer",
    tag: "routers",
    summary: "One router with its WANs, their newest samples and its newest router sample",
    params: idParams,
    response: S.RouterDetail,
    handle: async ({ db, now, params }) => {
      const detail = await getRouterDetail({ db, now, routerId: params.id });
      if (!detail) throw new NotFoundError("router");
      return { body: detail };
    },
  }),
  route({
    method: "get",
    path: "/routers/{id}/series",
    scope: "viewer",
    tag: "routers",
    summary: "A router's time series for a range (raw samples or rollups, as the range needs)",
    params: idParams,
    query: z.object({ range: z.enum(RANGES).default("1h") }),
    response: S.RouterSeries,
    handle: async ({ db, now, params, query }) => {
      if (!(await db.router.findUnique({ where: { id: params.id }, select: { id: true } }))) throw new NotFoundError("router");
      return { body: await getRouterSeries({ db, now, routerId: params.id, range: query.range }) };
    },
  }),
  route({
    method: "get",
    path: "/clients",
    scope: "viewer",
    tag: "clients",
    summary: "Clients: of one router (filter by list, dual-listed, address search), or fleet-wide by address search or dual-listed",
    description: "`q` is an IPv4 address, a dotted prefix (192.168.1.) or a CIDR block. Without `router`, give `q` or `dual=true`.",
    query: z.object({ router: routerIdSchema.optional(), list: text(100), dual: flag, q: text(100), ...pageQuery }),
    response: pageOf(S.Client),
    handle: async ({ db, now, query }) => {
      const request = readCursor(query);
      if (query.router !== undefined) {
        const router = await db.router.findUnique({ where: { id: query.router }, select: { id: true, name: true } });
        if (!router) throw new NotFoundError("router");
        const page = await listRouterClients({
          db,
          now,
          routerId: router.id,
          filter: { q: query.q, list: query.list, dual: query.dual, sort: "address", page: request.page, pageSize: request.size },
        });
        const rows = page.page === request.page ? page.rows : [];
        return {
          body: {
            data: rows.map((r) => ({
              routerId: router.id,
              routerName: router.name,
              address: r.address,
              lists: r.lists,
              since: r.since,
              dualListedSince: r.dualListedSince,
              flips24h: r.flips24h,
            })),
            nextCursor: nextCursor({ request, returned: rows.length, matching: page.matching }),
          },
        };
      }
      if (query.list) throw new ValidationError("invalid query", ["list: filter by list only together with router"]);
      if (query.dual) {
        const page = await listDualListedClients({ db, now, q: query.q, page: request.page, pageSize: request.size });
        const rows = page.page === request.page ? page.rows : [];
        return {
          body: {
            data: rows.map((r) => ({
              routerId: r.routerId,
              routerName: r.routerName,
              address: r.address,
              lists: r.lists,
              since: null,
              dualListedSince: r.since,
            })),
            nextCursor: nextCursor({ request, returned: rows.length, matching: page.matching }),
          },
        };
      }
      if (!query.q) throw new ValidationError("invalid query", ["q: give an address to search for, a router, or dual=true"]);
      const page = await searchClients({ db, now, q: query.q, page: request.page, pageSize: request.size });
      const rows = page.page === request.page ? page.rows : [];
      return { body: { data: rows, nextCursor: nextCursor({ request, returned: rows.length, matching: page.matching }) } };
    },
  }),
  route({
    method: "get",
    path: "/alerts",
    scope: "viewer",
    tag: "alerts",
    summary: "Alerts, newest first, by state, rule and router",
    query: z.object({
      state: z.enum(ALERT_STATE_FILTERS).default("open"),
      rule: z.enum(RULE_KINDS).optional(),
      router: routerIdSchema.optional(),
      ...pageQuery,
    }),
    response: pageOf(S.Alert),
    handle: async ({ db, query }) => {
      const request = readCursor(query);
      const page = await listAlerts({
        db,
        params: { state: query.state, rule: query.rule, router: query.router, page: request.page },
        pageSize: request.size,
      });
      const data = page.rows.map((a) => ({
        id: a.id,
        routerId: a.routerId,
        routerName: a.routerName,
        rule: a.rule,
        subject: a.subject,
        state: a.state,
        severity: a.severity,
        message: a.message,
        firedAt: a.firedAt,
        acknowledgedAt: a.acknowledgedAt,
        resolvedAt: a.resolvedAt,
        silenced: a.silenced,
      }));
      return { body: { data, nextCursor: nextCursor({ request, returned: data.length, matching: page.matching }) } };
    },
  }),
  route({
    method: "post",
    path: "/alerts/{id}/acknowledge",
    scope: "operator",
    tag: "alerts",
    summary: "Acknowledge an open alert (idempotent)",
    params: idParams,
    response: S.AcknowledgeResult,
    handle: async ({ db, now, params, actor }) => {
      const outcome = await acknowledgeAlert({ db, alertId: params.id, byUserId: null, now });
      const alert = await db.alert.findUnique({ where: { id: params.id }, select: { routerId: true } });
      await writeAudit({
        ctx: { db },
        input: {
          user: actor,
          action: "alert.acknowledge",
          routerId: alert?.routerId ?? null,
          after: { alertId: params.id, state: outcome.state, changed: outcome.changed },
          result: "ok",
          at: now,
        },
      });
      return { body: { alertId: outcome.alertId, state: outcome.state, changed: outcome.changed } };
    },
  }),
  route({
    method: "get",
    path: "/audit",
    scope: "viewer",
    tag: "audit",
    summary:
      "The audit log, newest first, by router, client (prefix), user or token (part of its email or token:<name>), action (prefix) and result",
    query: auditParamsSchema.omit({ page: true }).extend(pageQuery),
    response: pageOf(S.AuditEntry),
    handle: async ({ db, query }) => {
      const { limit, cursor, ...filters } = query;
      const request = readCursor({ limit, cursor });
      const page = await listAuditEntries({ db, params: { ...filters, page: request.page }, pageSize: request.size });
      return { body: { data: page.rows, nextCursor: nextCursor({ request, returned: page.rows.length, matching: page.matching }) } };
    },
  }),
  route({
    method: "post",
    path: "/actions",
    scope: "operator",
    tag: "actions",
    summary: "Move, pin, unpin or resolve dual-listed clients of a router (as jobs); poll each action's href",
    body: clientActionInput,
    status: 202,
    response: S.ActionsAccepted,
    handle: async ({ db, body, actor, base }) => {
      const result = await requestClientActions({ ctx: { db, queue: actionsQueue() }, input: body, user: actor });
      return { status: 202, body: { batchId: result.batchId, actions: await actionStatuses({ db, ids: result.actionIds, base }) } };
    },
  }),
  route({
    method: "get",
    path: "/actions/{id}",
    scope: "viewer",
    tag: "actions",
    summary: "One client action's status: pending, running, done, or failed with the router's error",
    params: idParams,
    response: S.ClientActionStatus,
    handle: async ({ db, params, base }) => {
      const [action] = await actionStatuses({ db, ids: [params.id], base });
      if (!action) throw new NotFoundError("client action");
      return { body: action };
    },
  }),
  route({
    method: "post",
    path: "/routers",
    scope: "admin",
    tag: "routers",
    summary: "Add a router: stored with its password encrypted, its balancing setup discovered, its polls scheduled",
    body: addRouterInput,
    status: 201,
    response: S.RouterWritten,
    handle: async ({ db, body, actor, now }) => {
      const created = await createRouter({ ctx: adminCtx(db), input: body, user: actor, now });
      return { status: 201, body: created };
    },
  }),
  route({
    method: "patch",
    path: "/routers/{id}",
    scope: "admin",
    tag: "routers",
    summary: "Edit a router (fields left out keep their value; an absent password keeps the stored one), or enable/disable it",
    params: idParams,
    body: patchRouterBody,
    response: S.RouterWritten,
    handle: async ({ db, params, body, actor }) => {
      const current = await db.router.findUnique({ where: { id: params.id } });
      if (!current) throw new NotFoundError("router");
      const fields = Object.keys(body);
      if (fields.length === 1 && body.enabled !== undefined) {
        const result = await setRouterEnabled({ ctx: adminCtx(db), input: { id: current.id, enabled: body.enabled }, user: actor });
        return { body: { id: current.id, name: current.name, ...result } };
      }
      const merged = {
        name: current.name,
        host: current.host,
        port: current.port,
        tlsMode: current.tlsMode,
        tlsCaPem: current.tlsCaPem ?? undefined,
        tlsFingerprint: current.tlsFingerprint ?? undefined,
        username: current.username,
        pollIntervalSec: current.pollIntervalSec,
        site: current.site ?? undefined,
        tags: current.tags,
        enabled: current.enabled,
        ...body,
        id: current.id,
      };
      const result = await updateRouter({ ctx: adminCtx(db), input: merged, user: actor });
      return { body: { id: result.id, name: merged.name, schedulesSynced: result.schedulesSynced } };
    },
  }),
];
