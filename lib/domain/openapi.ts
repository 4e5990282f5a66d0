// The OpenAPI document of /api/v1, generated from the same zod schemas that validate requests.
import { z } from "zod";
import { ERROR_STATUS } from "./errors";
import { serviceCreateSchema, servicePatchSchema } from "./services";
import { teamCreateSchema, teamMemberAddSchema, teamPatchSchema } from "./teams";
import { healthQuerySchema } from "./oncall-health";
import { changeCreateSchema, changeListQuerySchema, incidentChangesQuerySchema, suspectCreateSchema } from "./changes";
import { onCallQuerySchema, overrideCreateSchema, scheduleCreateSchema, scheduleListQuerySchema, schedulePatchSchema, shiftsQuerySchema } from "./schedule-schemas";
import {
  apiTokenCreateSchema,
  boardItemCreateSchema,
  boardItemPatchSchema,
  decisionCreateSchema,
  incidentCreateSchema,
  incidentPatchSchema,
  orgSettingsPatchSchema,
  escalationCreateSchema,
  dashboardQuerySchema,
  noteCreateSchema,
  pinSchema,
  roleAssignSchema,
  handoverCreateSchema,
  decisionOutcomeSchema,
  handoverDeclineSchema,
  timelineQuerySchema,
  digestQuerySchema,
  readMarkSchema,
  updateCreateSchema,
  workstreamCreateSchema,
  workstreamPatchSchema,
} from "./schemas";
import { shareLinkCreateSchema } from "./status";
import { actionItemCreateSchema, actionItemListQuerySchema, actionItemPatchSchema } from "./postmortem/action-items";
import { commentCreateSchema, commentListQuerySchema, commentPatchSchema, reviewerAddSchema, reviewerRemoveQuerySchema } from "./postmortem/review";
import { sectionDiffQuerySchema } from "./postmortem/revision-diff";
import { postmortemCreateSchema, postmortemListQuerySchema, postmortemPatchSchema, sectionPatchSchema, standalonePostmortemCreateSchema } from "./postmortem/schemas";
import { postmortemTemplatePutSchema } from "./postmortem/template";
import { policyCreateSchema, policyPatchSchema } from "./escalation";
import { channelCreateSchema, channelPatchSchema, pageListQuerySchema, pageNoteSchema, pagePersonSchema, PERSON_PAGE_DELAY_MINUTES, PERSON_PAGE_TRIES } from "./pages";
import { MIN_SIMILAR_TITLE, SIMILAR_TITLE_THRESHOLD, similarQuerySchema } from "./declare";
import { integrationKeyCreateSchema, integrationKeyUpdateSchema } from "./alerts/keys";
import { incidentMergeSchema } from "./merge";
import { alertDeclareSchema } from "./alerts/declare";
import { alertFeedbackSchema, alertHealthQuerySchema } from "./alerts/health";
import { alertAttachSchema, alertListQuerySchema, alertMuteSchema } from "./alerts/inbox";
import { heartbeatCreateSchema } from "./alerts/heartbeats";
import { maintenanceCreateSchema } from "./alerts/maintenance";
import { alertSettingsInputSchema } from "./alerts/settings";
import { ruleTestSchema } from "./alerts/tester";

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

const errorSchema = {
  type: "object",
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: [...new Set([...Object.keys(ERROR_STATUS), "idempotency_key_reused"])] },
        message: { type: "string" },
        fields: { type: "object", additionalProperties: { type: "string" }, description: "The offending fields (400): path → reason" },
        details: { type: "object", description: "Extra data, e.g. the current version on a 409 or retryAfterSeconds on a 429" },
      },
    },
  },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));

const refParam = { name: "ref", in: "path", required: true, schema: { type: "string", example: "INC-42" } };
const idempotencyHeader = { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 }, description: "A repeated key with the same body returns the first result and creates nothing new; with a different body it is refused with 422 `idempotency_key_reused`." };
/** Query parameters from a zod object schema. */
const queryParams = (schema: z.ZodType) =>
  Object.entries((jsonSchema(schema) as { properties: Record<string, object> }).properties).map(([name, schema]) => ({ name, in: "query", schema }));
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const pathParam = (name: string, description?: string) => ({ name, in: "path", required: true, schema: { type: "string" }, description });

/** A write with a JSON body named after its schema in components. */
function write(summary: string, schema: string, opts: { params?: object[]; status?: number; response?: string; idempotent?: boolean } = {}) {
  return {
    summary,
    parameters: [refParam, ...(opts.params ?? []), ...(opts.idempotent ? [idempotencyHeader] : [])],
    requestBody: { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } } },
    responses: { [String(opts.status ?? 200)]: ok(opts.response ?? "The change, with the timeline `entry` it wrote"), ...errors(400, 401, 403, 404, 409, 413, 429) },
  };
}

const scheduleIdParam = pathParam("id", "The schedule's id");
const calendarTokenParam = {
  name: "token",
  in: "query",
  required: false,
  schema: { type: "string" },
  description: "An API token, for calendar apps that cannot send `Authorization: Bearer` (which also works).",
};
const calendarResponse = { description: "An iCalendar feed (text/calendar): one event per final shift, in UTC", content: { "text/calendar": { schema: { type: "string" } } } };
const jsonBody = (schema: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } } });

/** On-call schedules (../shared/API.md "Services and on-call"). */
function schedulePaths() {
  return {
    "/api/v1/schedules": {
      get: {
        summary: "Schedules by name, each with who is on call now and the next handoff",
        parameters: queryParams(scheduleListQuerySchema),
        responses: { "200": ok("{ items: [{ id, name, team, timeZone, layers, onCall, nextHandoff }], nextCursor }"), ...errors(400, 401) },
      },
      post: {
        summary:
          "Create a schedule (admin). Layers: participant 0 holds the shift that begins at `start` (local wall clock in `timeZone`); handoffs at start + k × shift on the local wall clock; a nonexistent local time hands off at the transition, a repeated one at its first occurrence; the later layer wins",
        parameters: [idempotencyHeader],
        requestBody: jsonBody("ScheduleCreate"),
        responses: { "201": ok("The schedule"), ...errors(400, 401, 403, 409, 413, 429) },
      },
    },
    "/api/v1/schedules/{id}": {
      get: { summary: "A schedule: layers, overrides (not ended, or ended in the last 30 days), on call now, next handoff", parameters: [scheduleIdParam], responses: { "200": ok("The schedule"), ...errors(401, 404) } },
      patch: {
        summary: "Change a schedule's name, team, time zone or layers (the whole list) with the `version` last read (admin); stale → 409 with `details.version`",
        parameters: [scheduleIdParam],
        requestBody: jsonBody("SchedulePatch"),
        responses: { "200": ok("The schedule (version bumped when something changed)"), ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
      delete: {
        summary: "Delete a schedule and its overrides (admin); the audit record keeps its layers and overrides",
        parameters: [scheduleIdParam],
        responses: { "200": ok("{ id, name, overridesRemoved }"), ...errors(401, 403, 404, 429) },
      },
    },
    "/api/v1/schedules/{id}/overrides": {
      post: {
        summary: "Someone covers [start, end) instead, beating every layer; among overlapping overrides the one created last wins (admin)",
        parameters: [scheduleIdParam, idempotencyHeader],
        requestBody: jsonBody("OverrideCreate"),
        responses: { "201": ok("The override"), ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    "/api/v1/schedules/{id}/overrides/{overrideId}": {
      delete: { summary: "Remove an override (admin)", parameters: [scheduleIdParam, pathParam("overrideId")], responses: { "200": ok("The override removed"), ...errors(401, 403, 404) } },
    },
    "/api/v1/schedules/{id}/oncall": {
      get: {
        summary: "Who is on call at an instant (default now)",
        parameters: [scheduleIdParam, ...queryParams(onCallQuerySchema)],
        responses: { "200": ok('{ at, users: [{ handle, email, name }], source: "layer" | "override" | null }'), ...errors(400, 401, 404) },
      },
    },
    "/api/v1/schedules/{id}/shifts": {
      get: {
        summary: "The final schedule over [from, to) (at most 100 days): segments with their whole bounds, person, source, layer",
        parameters: [scheduleIdParam, ...queryParams(shiftsQuerySchema)],
        responses: { "200": ok("{ from, to, timeZone, items: [{ start, end, user, source, layer, layerName, overrideId }] }"), ...errors(400, 401, 404) },
      },
    },
    "/api/v1/schedules/{id}/calendar.ics": {
      get: {
        summary: "The final shifts as an iCalendar (RFC 5545) feed for calendar apps: 30 days back to 90 days ahead, each event naming the person on call",
        parameters: [scheduleIdParam, calendarTokenParam],
        responses: { "200": calendarResponse, ...errors(401, 404) },
      },
    },
  };
}

const teamKeyParam = pathParam("key", "The team's key, e.g. payments");

/** Teams: who owns services and schedules. */
function teamPaths() {
  return {
    "/api/v1/teams": {
      get: { summary: "Every team by key, with its member count, services and schedules (any role)", responses: { "200": ok("{ items: [{ key, name, memberCount, services, schedules, createdAt }], nextCursor: null }"), ...errors(401) } },
      post: {
        summary: "Create a team: key (short canonical lowercase name, never changes) and name (admin); a duplicate key is a 409",
        parameters: [idempotencyHeader],
        requestBody: jsonBody("TeamCreate"),
        responses: { "201": ok("The team"), ...errors(400, 401, 403, 409, 413, 429) },
      },
    },
    "/api/v1/teams/{key}": {
      get: {
        summary: "A team: members (handle, email, name, role, lead; leads first), services owned, schedules and who is on call now per schedule",
        parameters: [teamKeyParam],
        responses: { "200": ok("{ key, name, memberCount, members, services, schedules, onCall: [{ schedule, users, source }] }"), ...errors(401, 404) },
      },
      patch: { summary: "Rename a team (admin); the key stays", parameters: [teamKeyParam], requestBody: jsonBody("TeamPatch"), responses: { "200": ok("The team"), ...errors(400, 401, 403, 404, 413, 429) } },
    },
    "/api/v1/teams/{key}/members": {
      post: {
        summary: "Add a member of the organization to the team by handle or email, optionally as lead (admin); already in it → 409, not in the organization → 400",
        parameters: [teamKeyParam, idempotencyHeader],
        requestBody: jsonBody("TeamMemberAdd"),
        responses: { "201": ok("The team"), ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    "/api/v1/teams/{key}/members/{handle}": {
      delete: {
        summary: "Take someone (handle or email) out of the team (admin); not in it → 404. Their schedule shifts stay: edit the schedule for that",
        parameters: [teamKeyParam, pathParam("handle")],
        responses: { "200": ok("The team"), ...errors(401, 403, 404, 429) },
      },
    },
  };
}

/** Escalation policies, pages and where pages are delivered. */
function pagingPaths() {
  const idParam = (what: string) => pathParam("id", `The ${what}'s id`);
  return {
    "/api/v1/escalation-policies": {
      get: { summary: "Every escalation policy: steps (targets with names, delay, when each fires from the first page), repeat, services using it (any role)", responses: { "200": ok("{ items }"), ...errors(401) } },
      post: {
        summary: "Create a policy (admin): ordered steps, each notifying schedules (their on-call at that moment) and/or people, with a delay in minutes (fractions allowed, ≥ 0.05) before the next step; repeat = extra rounds after the last step",
        parameters: [idempotencyHeader],
        requestBody: jsonBody("PolicyCreate"),
        responses: { "201": ok("The policy"), ...errors(400, 401, 403, 409, 413, 429) },
      },
    },
    "/api/v1/escalation-policies/{id}": {
      get: { summary: "A policy", parameters: [idParam("policy")], responses: { "200": ok("The policy"), ...errors(401, 404) } },
      patch: { summary: "Change a policy with its `version` (stale → 409); running escalations keep the steps they started with (admin)", parameters: [idParam("policy")], requestBody: jsonBody("PolicyPatch"), responses: { "200": ok("The policy"), ...errors(400, 401, 403, 404, 409, 413, 429) } },
      delete: { summary: "Delete a policy; its services page nobody until given another (admin)", parameters: [idParam("policy")], responses: { "204": { description: "Deleted" }, ...errors(401, 403, 404, 429) } },
    },
    "/api/v1/handovers": {
      get: {
        summary: "Mine, wherever I am in Conn: offers of command waiting for my answer (not expired), and command taken from me without my acceptance in the last hour; each with its incident's ref, title and severity",
        responses: { "200": ok("{ offers: [handover & { incident }], taken: [handover & { incident }] }"), ...errors(401) },
      },
    },
    "/api/v1/pages": {
      get: { summary: "Pages sent to you (user=me, default) or every page you can see (user=all), newest first; open=true: only those waiting for an answer. A \"page only\" alert's page has no incident and an `alert`: `{ id, summary, severity, status, service: { key, name }, alerts, firing, links, alertIds }` (the first alert, how many it pages for and how many still fire)", parameters: queryParams(pageListQuerySchema), responses: { "200": ok("{ items: [{ id, incident, user, reason, step, round, via, createdAt, acknowledgedAt, acknowledgedBy, open, escalation, alert, notes, deliveries }] }"), ...errors(400, 401) } },
    },
    "/api/v1/alerts": {
      get: {
        summary: "The alert inbox: the alerts you may see (none of a private incident you are not on), newest activity first; `status` open (default: firing or acknowledged by the source), firing, acknowledged, resolved or all; by service, source, severity, rule action, flapping; keyset paging with `cursor` = the previous answer's `next` (responder)",
        parameters: queryParams(alertListQuerySchema),
        responses: { "200": ok("{ items: [{ id, summary, severity, status, source, action, identity, flapping, transient, heldUntil, occurrences, firstSeenAt, lastSeenAt, resolvedAt, sourceAcknowledgedAt, feedback, quieted, mutedUntil, service, sender, incident, escalation }], next }"), ...errors(400, 401, 403) },
      },
    },
    "/api/v1/alerts/{id}": {
      get: {
        summary: "One alert: as listed, plus labels, annotations, links (generatorURL, silenceURL, runbook_url…), details, group key, startsAt/endsAt, the deliveries that carried it (up to 10, newest first) and the last one's body as sent (`raw`, the first 64 KB; null with `rawWithheld: true` when that body also carried alerts of an incident you may not see) (responder)",
        parameters: [idParam("alert")],
        responses: { "200": ok("The alert"), ...errors(401, 403, 404) },
      },
    },
    "/api/v1/alerts/attach": {
      post: {
        summary: "Put alerts that opened nothing on an open incident you can see (its services gain theirs): the alerts, every alert of the escalations that paged for them, those escalations and their pages move there (ended if it is mitigated); an alert entry by their senders. Unknown alerts → 400 on alertIds, on an incident already → 409, an incident not open → 409, unknown → 404 (responder)",
        requestBody: jsonBody("AlertAttach"),
        responses: { "200": ok("{ incident, alerts: [id] }"), ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    "/api/v1/alerts/{id}/mute": {
      post: {
        summary: "Mute the alert's identity (integration key + fingerprint / dedup key) for `hours` (1–168), for a reason: its alerts are recorded (`quieted: muted`), open and page nothing until then; muting again replaces the running mute (responder)",
        parameters: [idParam("alert")],
        requestBody: jsonBody("AlertMute"),
        responses: { "201": ok("{ id, identity, until, reason, by }"), ...errors(400, 401, 403, 404, 413, 429) },
      },
      delete: {
        summary: "Lift the identity's mute now (again: unchanged, lifted: false) (responder)",
        parameters: [idParam("alert")],
        responses: { "200": ok("{ identity, lifted }"), ...errors(401, 403, 404, 429) },
      },
    },
    "/api/v1/alerts/{id}/feedback": {
      post: {
        summary: "Mark an alert useful or noisy, with a note; `identity: true` marks every alert of its identity (integration key + fingerprint / dedup key). Feeds the service's alert health. An alert of a private incident you are not on does not exist (404) (responder)",
        parameters: [idParam("alert")],
        requestBody: jsonBody("AlertFeedback"),
        responses: { "200": ok("{ id, verdict, note, alerts, by, at }"), ...errors(400, 401, 403, 404, 413, 429) },
      },
    },
    "/api/v1/alerts/declare": {
      post: {
        summary: "Declare an incident from alerts that opened none (a \"page only\" page, alerts picked in the inbox): you command it, its services are the alerts', the title is the first alert's summary unless given. The alerts, every alert of the escalations that paged for them, those escalations and their pages move onto it (the on-call is not paged again; your own open page is answered). Unknown alerts → 400 on alertIds, alerts already on an incident → 409 (responder)",
        parameters: [idempotencyHeader],
        requestBody: jsonBody("AlertDeclare"),
        responses: { "201": ok("The incident's live view"), ...errors(400, 401, 403, 409, 413, 429) },
      },
    },
    "/api/v1/pages/{id}": {
      get: { summary: "A page: who, when, why, how they were chosen, acknowledged when and by whom, notes, delivery attempts", parameters: [idParam("page")], responses: { "200": ok("The page"), ...errors(401, 404) } },
    },
    "/api/v1/pages/{id}/acknowledge": {
      post: {
        summary: "Acknowledge a page sent to you: its escalation stops, and the incident's first human acknowledgement sets acknowledgedAt (MTTA). Only the person paged (403 otherwise). An automation token's acknowledgement is recorded as a note and changes nothing (202)",
        parameters: [idParam("page")],
        responses: { "200": ok("The page, acknowledgedNow: true"), "202": ok("The page, still open (automation), acknowledgedNow: false"), ...errors(401, 403, 404, 429) },
      },
    },
    "/api/v1/pages/{id}/notes": {
      post: { summary: "A note on a page (people and automations)", parameters: [idParam("page")], requestBody: jsonBody("PageNote"), responses: { "201": ok("The page"), ...errors(400, 401, 403, 404, 413, 429) } },
    },
    "/api/v1/incidents/{ref}/pages": {
      get: { summary: "The incident's escalations (one per policy of its services, or one per person paged by hand) with their status, next step and pages", parameters: [refParam], responses: { "200": ok("{ escalations: [{ id, policy, services, status, step, round, escalatesAt, startedAt, endedAt, endedReason, pages }] }"), ...errors(401, 404) } },
      post: {
        summary: `Page one person now, outside any policy ("Paged by @you"): repeated every ${PERSON_PAGE_DELAY_MINUTES} min, ${PERSON_PAGE_TRIES} times in all, until they acknowledge; the note is shown with the page. While investigating only, never in a drill (409); not a viewer, not yourself (400 on user); someone still being paged for the incident → 409 (responder)`,
        parameters: [refParam, idempotencyHeader],
        requestBody: jsonBody("PagePerson"),
        responses: { "201": ok("The incident's paging, as GET answers it"), ...errors(400, 401, 403, 404, 409, 413, 429) },
      },
    },
    "/api/v1/incidents/declare-options": {
      get: {
        summary: "What the declare form offers: every service with its owning team, its escalation policy and who the policy's first step pages now (empty: nobody on call; policy null: declaring pages nobody), and the keys of the declarer's teams (responder)",
        responses: { "200": ok("{ at, services: [{ id, key, name, tier, team, policy, pages: [{ handle, name }] }], myTeams: [key] }"), ...errors(401, 403) },
      },
    },
    "/api/v1/incidents/similar": {
      get: {
        summary: `Open incidents (investigating or mitigated, not drills) you can see that may be the one being declared: on one of the services, or with a title alike (pg_trgm similarity above ${SIMILAR_TITLE_THRESHOLD}; titles under ${MIN_SIMILAR_TITLE} characters are not compared); at most 5, same service and most alike first`,
        parameters: queryParams(similarQuerySchema),
        responses: { "200": ok('{ items: [{ ref, title, severity, status, declaredAt, services, because: ["service" | "title"] }] }'), ...errors(400, 401) },
      },
    },
    "/api/v1/notification-channels": {
      get: { summary: "Webhook channels pages are delivered to, URLs masked (admin)", responses: { "200": ok("{ items: [{ id, kind, name, url (masked), enabled, createdAt }] }"), ...errors(401, 403) } },
      post: { summary: "Add a Slack-compatible webhook: each page is POSTed as { text, blocks, conn } and retried on failure; a private incident's pages are never sent; https to a public address unless CONN_WEBHOOK_ALLOW_PRIVATE=1 (admin)", parameters: [idempotencyHeader], requestBody: jsonBody("ChannelCreate"), responses: { "201": ok("The channel, URL masked"), ...errors(400, 401, 403, 413, 429) } },
    },
    "/api/v1/notification-channels/{id}": {
      patch: { summary: "Rename, pause or resume a channel (admin)", parameters: [idParam("channel")], requestBody: jsonBody("ChannelPatch"), responses: { "200": ok("The channel"), ...errors(400, 401, 403, 404, 429) } },
      delete: { summary: "Remove a channel (admin)", parameters: [idParam("channel")], responses: { "204": { description: "Removed" }, ...errors(401, 403, 404, 429) } },
    },
    "/api/v1/notification-channels/{id}/test": {
      post: { summary: "Send a test message now; answers how the receiver responded (admin)", parameters: [idParam("channel")], responses: { "200": ok("{ ok, status, error? }"), ...errors(401, 403, 404, 429) } },
    },
  };
}

/** The on-call pain numbers (PRACTICES.md "Metrics": on-call burden). */
function oncallHealthPaths() {
  return {
    "/api/v1/oncall/health": {
      get: {
        summary:
          "The on-call pain numbers over the last `days` (default 30, at most 90), worst burden first (any role): per person pages, pagesOutsideHours (outside their workdayStart–workdayEnd in their own time zone, or on their Saturday or Sunday), acknowledged, medianAckSeconds and p90AckSeconds (nearest rank; pages acknowledged the instant they were made leave no response time), hoursOnCall (final schedules clipped to the window); per team the same over its members (acknowledgement times pooled) plus `schedules` and `scheduleHoursOnCall`. Pages of private incidents count; nothing about any incident is answered. `team` (a key) narrows both lists; unknown → 404",
        parameters: queryParams(healthQuerySchema),
        responses: {
          "200": ok(
            "{ window: { from, to, days }, people: [{ handle, name, timeZone, workdayStart, workdayEnd, teams, pages, pagesOutsideHours, acknowledged, medianAckSeconds, p90AckSeconds, hoursOnCall }], teams: [{ key, name, members, pages, pagesOutsideHours, acknowledged, medianAckSeconds, p90AckSeconds, hoursOnCall, schedules: [{ id, name, hoursOnCall }], scheduleHoursOnCall }] }",
          ),
          ...errors(400, 401, 404),
        },
      },
    },
  };
}

/** Alerts in: monitoring senders post their own payloads, authenticated by a service's integration key (never 429). */
function alertPaths() {
  const keyAuth = [{ integrationKey: [] }, { integrationKeyQuery: [] }];
  const genieAuth = [{ genieKey: [] }, { integrationKey: [] }, { integrationKeyQuery: [] }];
  const opsgenieAccepted = ok("As Opsgenie answers: `{ result: \"Request will be processed\", took, requestId }` (202, only after the delivery is committed)");
  const opsgenieAction = (verb: string) => ({
    post: {
      summary: `Opsgenie's ${verb} by alias (\`identifierType=alias\`; Conn knows these alerts by alias only, anything else is a 400): the source's word, never a person's acknowledgement, so escalation goes on; an unknown alias is dropped (202, recorded). Body optional: \`{ user, source, note }\``,
      security: genieAuth,
      parameters: [
        { name: "identifier", in: "path", required: true, schema: { type: "string", maxLength: 512 } },
        { name: "identifierType", in: "query", required: true, schema: { type: "string", enum: ["alias"] } },
      ],
      requestBody: { required: false, content: { "application/json": { schema: { type: "object" } } } },
      responses: { "202": opsgenieAccepted, ...errors(400, 401, 413), "503": unavailable },
    },
  });
  const anyBody = { required: true, content: { "application/json": { schema: { type: "object" } } } };
  const accepted = ok("Stored and acted on: `{ status: \"accepted\", alerts, incidents: [ref] }` (202, only after the delivery is committed)");
  const unavailable = { description: "The database is unavailable: retry after `Retry-After` seconds (never 429: a sender drops a refused alert)", headers: { "Retry-After": { schema: { type: "integer" } } } };
  const opsgeniePing = {
    summary: "Opsgenie's heartbeat ping (`/v2/heartbeats/{name}/ping`), so its senders change only the base URL: any key of the heartbeat's service (`Authorization: GenieKey <key>`); the deadline moves one interval on, and a ping after silence resolves its alert. Answered as Opsgenie answers: 202 `{ result: \"PONG - Heartbeat received\", took, requestId }`",
    security: genieAuth,
    parameters: [{ name: "name", in: "path", required: true, schema: { type: "string", maxLength: 100 } }],
    responses: { "202": ok("{ result, took, requestId }"), ...errors(401, 404, 413), "503": unavailable },
  };
  const ping = {
    summary: "A heartbeat's ping with its own key (`Authorization: Bearer <key>` or `?key=`; a body, if any, is not read): the deadline moves one interval on; a ping after silence resolves its alert. 202 `{ status: \"pong\", name, expiresAt }` once committed",
    security: keyAuth,
    parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", maxLength: 100 } }],
    responses: { "202": ok("{ status, name, expiresAt }"), ...errors(401, 404, 413), "503": unavailable },
  };
  const webhook = (summary: string) => ({
    post: { summary, security: keyAuth, requestBody: anyBody, responses: { "202": accepted, ...errors(400, 401, 413), "503": unavailable } },
  });
  return {
    "/api/v1/heartbeats/{id}/ping": { get: { ...ping }, post: { ...ping } },
    "/api/v1/alerts/alertmanager": webhook(
      "Prometheus Alertmanager's webhook (version 4) as it sends it: per-alert status is the truth, identity is the fingerprint (else the sorted labels), a re-sent group changes only last seen and a counter; a critical alert opens or joins the service's incident, an error alert pages its on-call with no incident (or joins one open on it), warning and info are recorded (the defaults). Key as `Authorization: Bearer`, Basic auth's password, or `?key=`; body up to 5 MB (413 beyond), stored as sent",
    ),
    "/api/v1/alerts/grafana": webhook(
      "A Grafana alerting webhook contact point: Alertmanager's body plus title, state, message and per-alert values; as /alerts/alertmanager. A key with a signing secret takes only deliveries with Grafana's HMAC signature (`X-Grafana-Alerting-Signature`: hex HMAC-SHA256 of `[timestamp \":\"] body`; timestamp header `X-Grafana-Alerting-Signature-Timestamp`, within 300 s): otherwise 401",
    ),
    "/api/v1/alerts/generic": webhook(
      "Any JSON, read through the key's JSONPath mapping (set on the key; defaults `$.summary`, `$.dedup_key`, `$.status`, `$.severity`, `$.labels`; `items` such as `$.alerts[*]` for a body of several, at most 1,000): status words resolved/ok/closed/recovered resolve, acknowledged/ack acknowledge, anything else fires; without a dedup key each alert is its own. Body up to 5 MB",
    ),
    "/api/v1/alerts/opsgenie/v2/alerts": {
      post: {
        summary:
          "Opsgenie's create-alert (`POST /v2/alerts`), so an Opsgenie sender changes only its base URL: `message` (≤ 130 characters) required; `alias` (≤ 512) is the dedup key (without one, each create is its own alert); `priority` P1–P5 (P3 when absent) is the severity (P1 critical, P2 error, P3 warning, P4–P5 info); `key:value` tags and text `details` become labels. Key as `Authorization: GenieKey <key>` (or Bearer, or `?key=`); body up to 512 KB",
        security: genieAuth,
        requestBody: anyBody,
        responses: { "202": opsgenieAccepted, ...errors(400, 401, 413), "503": unavailable },
      },
    },
    "/api/v1/alerts/opsgenie/v2/heartbeats/{name}/ping": {
      get: { ...opsgeniePing },
      post: { ...opsgeniePing },
    },
    "/api/v1/alerts/opsgenie/v2/alerts/{identifier}/close": opsgenieAction("close (resolve)"),
    "/api/v1/alerts/opsgenie/v2/alerts/{identifier}/acknowledge": opsgenieAction("acknowledge"),
    "/api/v1/alerts/events": {
      post: {
        summary:
          "PagerDuty Events API v2 (`routing_key` = the integration key; trigger, acknowledge, resolve; dedup_key ≤ 255, a UUID when a trigger has none), answered as PagerDuty answers: 202 `{ status: \"success\", message: \"Event processed\", dedup_key }`, 400 `{ status: \"invalid event\", message: \"Event object is invalid\", errors: [] }`. Acknowledge marks the alert acknowledged by its source (not a person: escalation goes on); acknowledging or resolving an unknown key is dropped (202). Body up to 512 KB",
        security: [],
        requestBody: anyBody,
        responses: { "202": ok("{ status, message, dedup_key }"), "400": ok("{ status, message, errors }"), ...errors(413), "503": unavailable },
      },
    },
    "/api/v1/alerts/events/change": {
      post: {
        summary:
          "PagerDuty Change Events (its `/v2/change/enqueue`; `routing_key` = the integration key): `payload.summary` (≤ 1024) required, `payload.timestamp` (at most 5 minutes ahead; default now), `payload.source`, `payload.custom_details`, `links[]` (`href`, `text`). Kept as a change on the key's service, recorded as automation: kind from `custom_details.kind` (deploy, config, flag, migration; else other), version from `custom_details.version` or `revision`, link the first http(s) `href`. Pages nobody. Answered as PagerDuty answers: 202 `{ status: \"success\", message: \"Change event processed\" }`, 400 `{ status: \"invalid event\", message, errors }`. Body up to 512 KB",
        security: [],
        requestBody: anyBody,
        responses: { "202": ok("{ status, message }"), "400": ok("{ status, message, errors }"), ...errors(413), "503": unavailable },
      },
    },
  };
}

/** The groups operations are tagged with: the first segment after /api/v1 (health: /api/health). */
const TAGS: Record<string, string> = {
  incidents: "Incidents: declare, run (roles, updates, timeline, decisions, workstreams, board), their postmortems and share links",
  dashboard: "The war room",
  services: "The service catalog",
  teams: "Teams: who owns services and schedules",
  schedules: "On-call schedules, overrides and calendar feeds",
  "escalation-policies": "Escalation policies: who is paged, in which order",
  pages: "Pages sent to people, acknowledgements",
  handovers: "Offers of command to me and command taken from me, wherever I am in Conn",
  "notification-channels": "Webhook channels pages are delivered to",
  oncall: "On-call health (burden) numbers",
  org: "Organization settings and the postmortem template",
  status: "The exec status view and its feed",
  postmortems: "Postmortems, incident reviews and retros",
  "action-items": "Action items from reviews",
  changes: "Deploys, config changes, flags and migrations",
  alerts: "Alerts in from monitoring senders (Alertmanager, Grafana, Events v2, Opsgenie, any JSON)",
  heartbeats: "Heartbeat pings (dead-man's switches)",
  users: "Members of the organization",
  tokens: "Your API tokens",
  health: "Is the server up",
};

const METHODS = ["get", "put", "post", "patch", "delete"] as const;
const idempotencyReused = {
  description: "The Idempotency-Key was already used with a different request body (code `idempotency_key_reused`): nothing was done",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

/** `/api/v1/incidents/{ref}/calendar.ics` → `IncidentsByRefCalendarIcs`. */
const pascal = (path: string) =>
  path
    .replace(/^\/api(\/v1)?\//, "")
    .split("/")
    .map((seg) => (seg.startsWith("{") ? `By-${seg.slice(1, -1)}` : seg))
    .flatMap((seg) => seg.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");

type Operation = { summary: string; description?: string; operationId?: string; tags?: string[]; parameters?: { name?: string; in?: string }[]; responses: Record<string, unknown> };

/**
 * What every operation carries, added in one place: a unique operationId (method + path), its tag,
 * a description (the summary, which is the full sentence), and, for a POST that accepts an
 * Idempotency-Key, the 422 of a key reused with a different body.
 */
function finishPaths<P extends object>(paths: P): P {
  const ids = new Set<string>();
  for (const [path, item] of Object.entries(paths as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>)) {
    const tag = path === "/api/health" ? "health" : path.split("/")[3]!;
    if (!(tag in TAGS)) throw new Error(`OpenAPI: no tag "${tag}" for ${path}`);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const operationId = method + pascal(path);
      if (ids.has(operationId)) throw new Error(`OpenAPI: duplicate operationId ${operationId}`);
      ids.add(operationId);
      op.operationId = operationId;
      op.tags = [tag];
      op.description ??= op.summary;
      if (method === "post" && op.parameters?.some((p) => p.in === "header" && p.name === "Idempotency-Key")) op.responses["422"] ??= idempotencyReused;
    }
  }
  return paths;
}

export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Conn API",
      version: "1",
      description:
        "Incident command. Authenticate with `Authorization: Bearer <token>`. JSON in and out; every error is `{ error: { code, message, fields?, details? } }`; a refused request changes nothing.",
      contact: { name: "Conn maintainers" },
    },
    servers: [{ url: "/", description: "The Conn server that serves this document" }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        feedToken: { type: "apiKey", in: "query", name: "token" },
        integrationKey: { type: "http", scheme: "bearer", description: "A service's integration key (`conn_ik_…`); Basic auth with the key as password also works" },
        genieKey: { type: "apiKey", in: "header", name: "Authorization", description: "Opsgenie's header, `GenieKey <integration key>`, for senders of Opsgenie's alert API" },
        integrationKeyQuery: { type: "apiKey", in: "query", name: "key", description: "A service's integration key, for senders that cannot set headers (never logged)" },
      },
      schemas: {
        Error: errorSchema,
        IncidentCreate: jsonSchema(incidentCreateSchema),
        ApiTokenCreate: jsonSchema(apiTokenCreateSchema),
        IntegrationKeyCreate: jsonSchema(integrationKeyCreateSchema),
        IntegrationKeyUpdate: jsonSchema(integrationKeyUpdateSchema),
        AlertSettingsInput: jsonSchema(alertSettingsInputSchema),
        AlertRuleTest: jsonSchema(ruleTestSchema),
        MaintenanceCreate: jsonSchema(maintenanceCreateSchema),
        HeartbeatCreate: jsonSchema(heartbeatCreateSchema),
        IncidentPatch: jsonSchema(incidentPatchSchema),
        NoteCreate: jsonSchema(noteCreateSchema),
        UpdateCreate: jsonSchema(updateCreateSchema),
        DecisionCreate: jsonSchema(decisionCreateSchema),
        IncidentMerge: jsonSchema(incidentMergeSchema),
        AlertDeclare: jsonSchema(alertDeclareSchema),
        AlertFeedback: jsonSchema(alertFeedbackSchema),
        AlertAttach: jsonSchema(alertAttachSchema),
        AlertMute: jsonSchema(alertMuteSchema),
        RoleAssign: jsonSchema(roleAssignSchema),
        HandoverCreate: jsonSchema(handoverCreateSchema),
        DecisionOutcome: jsonSchema(decisionOutcomeSchema),
        ReadMark: jsonSchema(readMarkSchema),
        HandoverDecline: jsonSchema(handoverDeclineSchema),
        WorkstreamCreate: jsonSchema(workstreamCreateSchema),
        WorkstreamPatch: jsonSchema(workstreamPatchSchema),
        BoardItemCreate: jsonSchema(boardItemCreateSchema),
        BoardItemPatch: jsonSchema(boardItemPatchSchema),
        Pin: jsonSchema(pinSchema),
        OrgSettingsPatch: jsonSchema(orgSettingsPatchSchema),
        ServiceCreate: jsonSchema(serviceCreateSchema),
        ServicePatch: jsonSchema(servicePatchSchema),
        TeamCreate: jsonSchema(teamCreateSchema),
        TeamPatch: jsonSchema(teamPatchSchema),
        TeamMemberAdd: jsonSchema(teamMemberAddSchema),
        EscalationCreate: jsonSchema(escalationCreateSchema),
        ChangeCreate: jsonSchema(changeCreateSchema),
        SuspectCreate: jsonSchema(suspectCreateSchema),
        ShareLinkCreate: jsonSchema(shareLinkCreateSchema),
        PostmortemCreate: jsonSchema(postmortemCreateSchema),
        PostmortemPatch: jsonSchema(postmortemPatchSchema),
        SectionPatch: jsonSchema(sectionPatchSchema),
        ActionItemCreate: jsonSchema(actionItemCreateSchema),
        ActionItemPatch: jsonSchema(actionItemPatchSchema),
        ScheduleCreate: jsonSchema(scheduleCreateSchema),
        PolicyCreate: jsonSchema(policyCreateSchema),
        PolicyPatch: jsonSchema(policyPatchSchema),
        PageNote: jsonSchema(pageNoteSchema),
        PagePerson: jsonSchema(pagePersonSchema),
        ChannelCreate: jsonSchema(channelCreateSchema),
        ChannelPatch: jsonSchema(channelPatchSchema),
        SchedulePatch: jsonSchema(schedulePatchSchema),
        OverrideCreate: jsonSchema(overrideCreateSchema),
        ReviewerAdd: jsonSchema(reviewerAddSchema),
        StandalonePostmortemCreate: jsonSchema(standalonePostmortemCreateSchema),
        CommentCreate: jsonSchema(commentCreateSchema),
        CommentPatch: jsonSchema(commentPatchSchema),
        PostmortemTemplatePut: jsonSchema(postmortemTemplatePutSchema),
      },
    },
    security: [{ bearer: [] }],
    paths: finishPaths({
      "/api/v1/incidents": {
        get: {
          summary: "List incidents, newest first",
          parameters: [
            { name: "status", in: "query", schema: { type: "string" }, description: "Comma-separated: investigating, mitigated, resolved, closed, active" },
            { name: "severity", in: "query", schema: { type: "string" }, description: "Comma-separated: SEV0…SEV4" },
            { name: "q", in: "query", schema: { type: "string" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
            { name: "cursor", in: "query", schema: { type: "string" } },
          ],
          responses: { "200": ok("{ items, nextCursor }"), ...errors(400, 401) },
        },
        post: {
          summary: "Declare an incident",
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/IncidentCreate" } } } },
          responses: { "201": ok("The incident"), ...errors(400, 401, 403, 409, 413, 429) },
        },
      },
      "/api/v1/incidents/{ref}": {
        get: { summary: "The incident's live view: fields, roles, workstreams, board, decisions, latest updates, pinned entries, lastSeq", parameters: [refParam], responses: { "200": ok("The incident"), ...errors(401, 404) } },
        patch: write("Edit title, summary, severity, priority, status, links, services, recovery checklist with the version last read (409 when stale); severity and status changes need a reason", "IncidentPatch", { response: "The incident now, with the `entry` written (null when nothing changed)" }),
      },
      "/api/v1/incidents/{ref}/updates": { post: write("Post a CAN update; sets nextUpdateDueAt", "UpdateCreate", { status: 201, idempotent: true }) },
      "/api/v1/incidents/{ref}/decisions": {
        get: { summary: "The decision log, newest first", parameters: [refParam], responses: { "200": ok("{ items }"), ...errors(401, 404) } },
        post: write(
          "Log a decision; optionally `revisitAt` (within a week: the page and the war room nudge then, until its outcome is recorded), `rollbackTrigger` (the condition, in words) and `rollbackLink` (its dashboard)",
          "DecisionCreate",
          { status: 201, idempotent: true },
        ),
      },
      "/api/v1/incidents/{ref}/decisions/{id}/outcome": {
        post: write(
          "How a decision that came due turned out: `kept` (with the next `revisitAt`, or none), `reversed` or `amended`, and a `note`; one `decision_outcome` entry linked to it. The commander, whoever took the decision, or an admin (403 otherwise; an automation token 403)",
          "DecisionOutcome",
          { params: [pathParam("id")], response: "{ entry }" },
        ),
      },
      "/api/v1/incidents/{ref}/impact": {
        get: {
          summary: "Impact numbers from the incident's alerts (an alert labelled impact=\"<metric>\" with a number in its annotation `value`, its details' `value` or Grafana's `values`): per metric the latest reading and up to 120 points since declared",
          parameters: [refParam],
          responses: { "200": ok("{ items: [{ metric, latest: { at, value }, points: [{ at, value }] }] }"), ...errors(401, 404) },
        },
      },
      "/api/v1/incidents/{ref}/merge": {
        post: write(
          "Merge this incident into `into` (one outage declared twice): its alerts, alert groups, pages and escalations, services and people move there, every dedup key then points there, and it is resolved as merged into it (left out of the recently-resolved lists); a `merged` entry on both. Both must be open and visible to you (404 on `into` otherwise), private only with private, a drill only into a drill; `version` is this incident's (409 when stale)",
          "IncidentMerge",
          { response: "{ ref, mergedInto, version, alerts, pages }" },
        ),
      },
      "/api/v1/incidents/{ref}/roles/{role}": {
        put: write(
          "Assign a role. Replacing the commander is taking command without acceptance, for an absent commander only: an admin at any time, a responder when the commander has written nothing on the incident for 15 minutes (organization setting command.absentCommanderMinutes) or is deactivated; recorded as a `command_taken` entry and the outgoing commander told, never as a handover; otherwise 403 with the reason. A commander hands over with POST …/handovers",
          "RoleAssign",
          { params: [pathParam("role", "commander, ops_lead, comms_lead, scribe, sme, support_lead, exec_sponsor")] },
        ),
        delete: {
          summary: "End an assignment (the commander is handed over, never removed)",
          parameters: [refParam, pathParam("role"), { name: "user", in: "query", schema: { type: "string" }, description: "Which holder, for SMEs" }],
          responses: { "200": ok("{ entry }"), ...errors(400, 401, 403, 404, 409) },
        },
      },
      "/api/v1/incidents/{ref}/handovers": {
        get: { summary: "Offers of command and command taken on this incident, newest first", parameters: [refParam], responses: { "200": ok("{ items: [{ id, ref, status, from, to, by, briefing, reason, offeredAt, expiresAt, decidedAt }] }"), ...errors(401, 404) } },
        post: write(
          "Offer command to `to` with the briefing (state; workstreams, openDecisions, nextUpdate optional): the commander or an admin, a person (403 for an automation token), to a responder or admin. Command moves only when they accept; until then the commander stays in command. The offer expires after 10 minutes (command.handoverMinutes) with a `handover_expired` entry; a newer offer replaces a pending one. The person offered becomes a member of a private incident",
          "HandoverCreate",
          { status: 201, idempotent: true, response: "{ handover: { id, status: \"pending\", from, to, by, briefing, offeredAt, expiresAt }, entry }" },
        ),
      },
      "/api/v1/incidents/{ref}/handovers/{id}/accept": {
        post: {
          summary: "\"I have the conn\": the person offered command accepts it, and command moves in the same transaction as its `handover_accepted` entry. Of two accepts racing one wins (200), the other is 409; an expired, declined, withdrawn or replaced offer is 409; anyone else 403, an automation token 403",
          parameters: [refParam, pathParam("id")],
          responses: { "200": ok("{ entry }"), ...errors(401, 403, 404, 409) },
        },
      },
      "/api/v1/incidents/{ref}/handovers/{id}/decline": {
        post: write("The person offered command declines, with a reason the commander sees; the commander stays in command", "HandoverDecline", { params: [pathParam("id")], response: "{ entry }" }),
      },
      "/api/v1/incidents/{ref}/handovers/{id}/withdraw": {
        post: {
          summary: "Take back a pending offer (whoever made it, the commander or an admin)",
          parameters: [refParam, pathParam("id")],
          responses: { "200": ok("{ entry }"), ...errors(401, 403, 404, 409) },
        },
      },
      "/api/v1/incidents/{ref}/workstreams": {
        get: { summary: "Workstreams", parameters: [refParam], responses: { "200": ok("{ items }"), ...errors(401, 404) } },
        post: write("Start a workstream: one lead, one goal", "WorkstreamCreate", { status: 201, idempotent: true }),
      },
      "/api/v1/incidents/{ref}/workstreams/{id}": { patch: write("Edit a workstream with the version last read", "WorkstreamPatch", { params: [pathParam("id")] }) },
      "/api/v1/incidents/{ref}/board": {
        get: { summary: "Knowns, unknowns, hypotheses and blockers", parameters: [refParam], responses: { "200": ok("{ items }"), ...errors(401, 404) } },
        post: write("Add a fact, hypothesis, unknown or blocker", "BoardItemCreate", { status: 201, idempotent: true }),
      },
      "/api/v1/incidents/{ref}/board/{id}": { patch: write("Edit a board item with the version last read", "BoardItemPatch", { params: [pathParam("id")] }) },
      "/api/v1/incidents/{ref}/timeline/{seq}/pin": { post: write("Pin or unpin an entry", "Pin", { params: [pathParam("seq")] }) },
      "/api/v1/incidents/{ref}/escalations": { post: write("Record an escalation step taken (who was pulled in); clears its nudge", "EscalationCreate", { status: 201, idempotent: true }) },
      "/api/v1/dashboard": { get: { summary: "The war room: active incidents by severity then age with their nudges, drills, mine, resolved in the last 7 days", parameters: queryParams(dashboardQuerySchema), responses: { "200": ok("{ active, drills, mine, recentlyResolved, generatedAt }"), ...errors(400, 401) } } },
      "/api/v1/services": {
        get: { summary: "The service catalog: tier, owning team, links, dependencies both ways, hygiene flags, open incidents", responses: { "200": ok("{ items }"), ...errors(401) } },
        post: {
          summary: "Add a service (admin)",
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ServiceCreate" } } } },
          responses: { "201": ok("The service"), ...errors(400, 401, 403, 409, 413, 429) },
        },
      },
      "/api/v1/services/{key}": {
        get: { summary: "A service with who is on call for it now and its incidents", parameters: [pathParam("key")], responses: { "200": ok("The service"), ...errors(401, 404) } },
        patch: {
          summary:
            "Edit a service with the `version` last read (admin): name, description, team, tier, links and dependsOn (whole lists), escalationPolicy (an id of this organization; null detaches), reviewed: true (lastReviewedAt = now). Stale → 409 with details.version; a self-dependency or unknown key → 400 on dependsOn",
          parameters: [pathParam("key")],
          requestBody: jsonBody("ServicePatch"),
          responses: { "200": ok("The service (version bumped when something changed)"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/services/{key}/integration-keys": {
        get: { summary: "The service's integration keys for monitoring senders, newest first, never their secrets (admin)", parameters: [pathParam("key")], responses: { "200": ok("{ items: [{ id, name, prefix, createdAt, lastUsedAt, revokedAt, mapping, signed, heartbeat }] } (heartbeat: the name of the heartbeat whose own key it is, or null)"), ...errors(401, 403, 404) } },
        post: {
          summary:
            "Create an integration key for a monitoring sender (admin): `{ key }` is in this answer only, `conn_ik_…`; only its SHA-256 is kept. Optional `mapping` (JSONPaths for /alerts/generic: items, summary, dedupKey, status, severity, labels; filters and scripts refused) and `signingSecret` (then only deliveries signed with it are taken: Grafana's HMAC)",
          parameters: [pathParam("key")],
          requestBody: jsonBody("IntegrationKeyCreate"),
          responses: { "201": ok("The key with its secret"), ...errors(400, 401, 403, 404, 413, 429) },
        },
      },
      "/api/v1/services/{key}/alert-settings": {
        get: {
          summary:
            "The service's alert routing: rules in order (the first that matches an alert takes it; each with its matchers as `env=prod`, action open/page/record/drop, incident severity, hold, owner, review date and hygiene flags: no owner, not reviewed for 90 days), the grouping window and labels, and the defaults when no rule matches (critical opens SEV2, error pages, warning and info are recorded)",
          parameters: [pathParam("key")],
          responses: { "200": ok("{ service, version, groupWindowMinutes, groupingLabels, cancelPagingWhenResolved (default true: when every alert of an incident monitoring opened resolves before anyone acknowledged, its paging is called off), rules: [{ id, name, severities, matchers, action, incidentSeverity, holdSeconds, owner, reviewedAt, flags }], defaults }"), ...errors(401, 404) },
        },
        put: {
          summary:
            "Replace the service's alert routing (admin) with the service's version last read (409 when stale): rules keep their id and review date unless changed (`reviewed: true` re-reviews one); owners by handle; a matcher that is not `label=value` or `label!=value` is a 400 naming it",
          parameters: [pathParam("key")],
          requestBody: jsonBody("AlertSettingsInput"),
          responses: { "200": ok("The settings as stored (as GET)"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/services/{key}/alert-settings/test": {
        post: {
          summary:
            "The rule tester (responders): a payload pasted as its sender posts it (`source` alertmanager, grafana, events_v2, opsgenie or generic), read by that sender's route, and per alert the rule that takes it (or the default) and what would happen; `rules` tries a draft before saving. Stores nothing; a payload its route would refuse is a 400 naming the fields under `payload.`",
          parameters: [pathParam("key")],
          requestBody: jsonBody("AlertRuleTest"),
          responses: { "200": ok("{ service, draft, alerts: [{ identity, summary, severity, labels, action, rule: { position, id, name } | null, route, incidentSeverity, holdSeconds }] }"), ...errors(400, 401, 403, 404, 413, 429) },
        },
      },
      "/api/v1/services/{key}/integration-keys/{id}/test": {
        post: {
          summary: "Send a test alert through this key's path (admin): an info alert routed by the service's rules like any other (by the defaults recorded, nobody paged); it appears in the deliveries",
          parameters: [pathParam("key"), { name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "202": ok("{ sent, alerts, opened, …, incidents, action }"), ...errors(401, 403, 404, 429) },
        },
      },
      "/api/v1/services/{key}/maintenance": {
        get: {
          summary: "The service's maintenance windows not yet over, soonest first: `{ items: [{ id, startsAt, endsAt, reason, by, active }] }`",
          parameters: [pathParam("key")],
          responses: { "200": ok("{ items }"), ...errors(401, 404) },
        },
        post: {
          summary: "Put the service under maintenance now (no `startsAt`) or later, until `endsAt` (at most 30 days), for a `reason` (responders): alerts arriving inside it are recorded and open or page nothing; incidents already open are unaffected",
          parameters: [pathParam("key")],
          requestBody: jsonBody("MaintenanceCreate"),
          responses: { "201": ok("The window"), ...errors(400, 401, 403, 404, 413, 429) },
        },
      },
      "/api/v1/services/{key}/maintenance/{id}": {
        delete: {
          summary: "End a maintenance window now; one not started yet is called off (responders). Ending an ended one changes nothing",
          parameters: [pathParam("key"), { name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("The window as it is now"), ...errors(401, 403, 404, 429) },
        },
      },
      "/api/v1/services/{key}/heartbeats": {
        get: {
          summary: "The service's heartbeats (dead-man's switches; any role), by name: `{ items: [{ id, name, intervalMinutes, severity, createdAt, lastPingAt, expiresAt, down, pingPath }] }`",
          parameters: [pathParam("key")],
          responses: { "200": ok("{ items }"), ...errors(401, 404) },
        },
        post: {
          summary:
            "A heartbeat (admin): `name` (letters, digits, . - _; unique on the service), `intervalMinutes` (1 to 43,200), `severity` (default critical). Silent past one interval since its last ping (or since made), it raises an alert through the service's routing rules (by the defaults, critical opens an incident and pages); a ping after that resolves it. It gets its own integration key, in this answer only (`key`); revoking it stops its pings",
          parameters: [pathParam("key")],
          requestBody: jsonBody("HeartbeatCreate"),
          responses: { "201": ok("The heartbeat with `key`"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/services/{key}/heartbeats/{id}": {
        delete: {
          summary: "Stop watching (admin): its key is revoked, its pending deadline removed, and its alert, if firing, resolved",
          parameters: [pathParam("key"), { name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("{ id, deleted: true }"), ...errors(401, 403, 404, 409, 429) },
        },
      },
      "/api/v1/services/{key}/alert-health": {
        get: {
          summary: "The service's alerts of the last 30 days: how many led to action (on an incident, a page a person acknowledged, marked useful) of all, the median time to acknowledge the pages they made, alerts per severity and hour of the day in `tz` (IANA, UTC by default), the ten noisiest identities (flagged when marked noisy more than useful, or 5+ alerts acted on at most 10 % of the time). Alerts of private incidents you are not on are left out (responder)",
          parameters: [pathParam("key"), ...queryParams(alertHealthQuerySchema)],
          responses: { "200": ok("{ since, days, timeZone, total, actioned, ratio, feedback: { useful, noisy }, mtta: { pages, acknowledged, medianSeconds }, bySeverityHour: { critical: [24 counts], error, warning, info }, noisiest: [{ identity, sender, summary, latestAlertId, alerts, deliveries, actioned, useful, noisy, lastSeenAt, flagged }] }"), ...errors(400, 401, 403, 404) },
        },
      },
      "/api/v1/services/{key}/alert-deliveries": {
        get: {
          summary: "The last 100 deliveries from the service's senders, newest first (admin): source, key, status answered, why a refused one was refused, size, and what it did (alerts opened, repeated, acknowledged, resolved, dropped; incidents the caller can see)",
          parameters: [pathParam("key")],
          responses: { "200": ok("{ items: [{ id, receivedAt, source, key, status, error, bytes, alerts, opened, repeated, acknowledged, resolved, dropped, incidents }] }"), ...errors(401, 403, 404) },
        },
      },
      "/api/v1/services/{key}/alert-deliveries/{id}": {
        get: {
          summary: "One delivery with its body exactly as it came, and per alert what it did (admin)",
          parameters: [pathParam("key"), { name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("The delivery with `body` and `alertsDone: [{ identity, transition, action, incident }]`"), ...errors(401, 403, 404) },
        },
      },
      "/api/v1/services/{key}/integration-keys/{id}": {
        patch: {
          summary: "Rename a key, or set or clear (null) its generic mapping or its signing secret (admin; the secret is never shown back, only `signed`); a revoked key is a 409",
          parameters: [pathParam("key"), { name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: jsonBody("IntegrationKeyUpdate"),
          responses: { "200": ok("The key, without its secret"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
        delete: {
          summary: "Revoke an integration key (admin): the alert routes refuse it from now on; revoking again changes nothing",
          parameters: [pathParam("key"), { name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": ok("The revoked key"), ...errors(401, 403, 404, 429) },
        },
      },
      "/api/v1/incidents/{ref}/services": {
        get: {
          summary: "The incident's affected services by tier, each with its owning team, who is on call now (the team's schedules, as on the service page) and its runbook link",
          parameters: [refParam],
          responses: { "200": ok("{ at, items: [{ key, name, tier, team, onCall: [{ schedule, users, source }], runbook: { label, url } | null }] }"), ...errors(401, 404) },
        },
      },
      "/api/v1/org/postmortem-template": {
        get: {
          summary: "The sections new postmortems start with, in order: the organization's own template, else the default (PRACTICES.md, incl. automation and AI involvement); each with required and prefilled; version 0 while it is the default",
          responses: { "200": ok("{ sections: [{ key, title, prompt, required, prefilled }], version, custom, updatedAt, updatedBy, defaults }"), ...errors(401) },
        },
        put: {
          summary:
            "Replace the template (admin): the whole ordered list with the version last read (409 when stale). Keys are lowercase letters and underscores, unique; summary, contributing_factors, action_items and automation cannot be removed. New postmortems use it; existing ones keep their sections",
          requestBody: jsonBody("PostmortemTemplatePut"),
          responses: { "200": ok("The template"), ...errors(400, 401, 403, 409, 413, 429) },
        },
      },
      "/api/v1/org/settings": {
        get: { summary: "The organization's update cadence and nudge thresholds (stored and effective)", responses: { "200": ok("{ settings, effective }"), ...errors(401) } },
        patch: {
          summary: "Change the cadence or nudge thresholds (admin); given keys replace the stored ones",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/OrgSettingsPatch" } } } },
          responses: { "200": ok("{ settings, effective }"), ...errors(400, 401, 403) },
        },
      },
      "/api/v1/incidents/{ref}/timeline": {
        post: write("Add a note (markdown)", "NoteCreate", { status: 201, idempotent: true, response: "The entry" }),
        get: {
          summary: "Timeline entries in seq order: after a seq (catch-up), or the newest before a seq (paging back)",
          parameters: [refParam, ...Object.entries((jsonSchema(timelineQuerySchema) as { properties: Record<string, object> }).properties).map(([name, schema]) => ({ name, in: "query", schema }))],
          responses: { "200": ok("{ items, lastSeq, nextCursor }"), ...errors(400, 401, 404) },
        },
      },
      "/api/v1/incidents/{ref}/digest": {
        get: {
          summary:
            "Since you last looked: what others changed after `since` (default: your read marker; 0 and `firstVisit: true` when you never opened the incident), read from the timeline — severity and status changes, commander changes, decisions and their outcomes, new blockers, workstreams that became blocked or done, and the latest update; your own entries are left out. `items` are in seq order, each `{ seq, at, kind, topic: command|state|decision|blocker|workstream, text, author, since }` (`since`: what became of it later, e.g. a blocker since resolved); `otherEntries` counts the entries by others no line lists",
          parameters: [refParam, ...queryParams(digestQuerySchema)],
          responses: { "200": ok("{ since, upTo, firstVisit, lastReadAt, items, latestUpdate, otherEntries, truncated }"), ...errors(400, 401, 404) },
        },
      },
      "/api/v1/incidents/{ref}/read": {
        put: {
          summary: "You saw the incident up to `seq` (the page calls it while it is on screen, and with Mark as read): your marker for the digest. It only moves forward; a seq beyond the incident's last entry is a 400 on `seq`. Yours alone: no timeline entry",
          parameters: [refParam],
          requestBody: jsonBody("ReadMark"),
          responses: { "200": ok("{ seq, at }"), ...errors(400, 401, 404, 429) },
        },
      },
      "/api/v1/incidents/{ref}/changes": {
        get: {
          summary: "What changed: changes to the incident's services and their direct dependencies, from `hours` before its start to now (or its resolution), newest first",
          parameters: [refParam, ...queryParams(incidentChangesQuerySchema)],
          responses: { "200": ok("{ window: { start, from, until, hours }, services, items (each with relation and suspected), nextCursor }"), ...errors(400, 401, 404) },
        },
      },
      "/api/v1/incidents/{ref}/suspects": {
        post: {
          summary: "Put a change on the timeline as a suspect (one change_suspected entry)",
          parameters: [refParam, idempotencyHeader],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/SuspectCreate" } } } },
          responses: { "201": ok("The timeline entry"), ...errors(400, 401, 403, 404, 409, 429) },
        },
      },
      "/api/v1/incidents/{ref}/share-links": {
        get: {
          summary: "Stakeholder share links of the incident, newest first, with view counts; each active link's `url` only for the current commander or an admin",
          parameters: [refParam],
          responses: { "200": ok("{ shareable, canManage, items: [{ id, state (active|expired|revoked), createdBy, createdAt, expiresAt, revokedAt, views, lastViewedAt, url? }] }"), ...errors(401, 404) },
        },
        post: {
          summary: "Create a signed, expiring, read-only link to the incident's exec summary for people without an account (current commander or admin; never for a private incident: 409)",
          parameters: [refParam, idempotencyHeader],
          requestBody: { required: false, content: { "application/json": { schema: { $ref: "#/components/schemas/ShareLinkCreate" } } } },
          responses: { "201": ok("{ id, url, state, createdBy, createdAt, expiresAt, revokedAt, views, lastViewedAt }"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/incidents/{ref}/share-links/{id}": {
        delete: {
          summary: "Revoke a share link: it stops working at once (current commander, admin or the link's creator; revoking twice is a no-op)",
          parameters: [refParam, pathParam("id")],
          responses: { "200": ok("The link, state revoked"), ...errors(401, 403, 404, 429) },
        },
      },
      "/api/v1/status": {
        get: {
          summary:
            "The exec status view (any role): active non-private incidents (severity, then age) and those resolved in the last 30 days, each with impact, services, duration, next update due, ETA and the latest exec update (else internal); and the services under maintenance now",
          responses: { "200": ok("{ generatedAt, active: [StatusIncident], resolved: [StatusIncident], maintenance: [{ service: { key, name }, endsAt, reason }] }"), ...errors(401) },
        },
      },
      "/api/v1/status/{ref}": {
        get: {
          summary: "One incident's exec summary: impact, status, latest exec update, exec/internal update history, decisions, key timestamps, commander and comms lead (404 for a private incident, members included)",
          parameters: [refParam],
          responses: { "200": ok("ExecSummary"), ...errors(401, 404) },
        },
      },
      "/api/v1/status/feed.atom": {
        get: {
          summary: "Atom 1.0 feed of exec and internal updates of non-private incidents (last 30 days, newest 100). Feed readers pass the API token in the URL",
          security: [{ bearer: [] }, { feedToken: [] }],
          parameters: [{ name: "token", in: "query", required: false, schema: { type: "string" }, description: "An API token (for feed readers, which cannot send headers)" }],
          responses: { "200": { description: "The feed", content: { "application/atom+xml": { schema: { type: "string" } } } }, ...errors(401) },
        },
      },
      "/api/v1/incidents/{ref}/postmortem": {
        get: {
          summary: "The postmortem: status, revision, sections (each with its version), action items; 404 with details.canStart when none was started",
          parameters: [refParam],
          responses: { "200": ok("The postmortem"), ...errors(401, 404) },
        },
        post: write("Start the postmortem of a resolved or closed incident, pre-filled from what the incident recorded (409 while active or when one exists)", "PostmortemCreate", {
          status: 201,
          idempotent: true,
          response: "The postmortem",
        }),
        patch: write("Move it through review: draft → in_review → published; published → draft starts the next revision (409 on an invalid transition)", "PostmortemPatch", { response: "The postmortem" }),
      },
      "/api/v1/incidents/{ref}/postmortem/sections/{key}": {
        patch: write("Save one section with the version last read. Stale: 409 whose error.details carry the current body, version and who saved it. Editing a published postmortem reopens it as the next revision", "SectionPatch", {
          params: [pathParam("key", "A key of the postmortem's sections (from the organization's template when it started), e.g. summary, contributing_factors, automation")],
          response: "{ section, postmortem: { status, revision } }",
        }),
      },
      "/api/v1/incidents/{ref}/postmortem/reviewers": {
        post: write("Ask someone to review: { reviewer: handle | email } (a responder or admin; on a private incident they become a member). Twice: 409", "ReviewerAdd", {
          status: 201,
          response: "{ reviewers }",
        }),
        delete: {
          summary: "No longer a reviewer (404 when they were not one)",
          parameters: [refParam, ...queryParams(reviewerRemoveQuerySchema)],
          responses: { "200": ok("{ reviewers }"), ...errors(400, 401, 403, 404, 429) },
        },
      },
      "/api/v1/incidents/{ref}/postmortem/comments": {
        get: {
          summary: "Comments on sections, oldest first (Markdown bodies), each with its author, time and who resolved it",
          parameters: [refParam, ...queryParams(commentListQuerySchema)],
          responses: { "200": ok("{ items }"), ...errors(400, 401, 404) },
        },
        post: write("Comment on a section: { section, body (Markdown) }", "CommentCreate", { status: 201, idempotent: true, response: "The comment" }),
      },
      "/api/v1/incidents/{ref}/postmortem/comments/{id}": {
        patch: write("Resolve or reopen a comment: { resolved }", "CommentPatch", { params: [pathParam("id")], response: "The comment" }),
      },
      "/api/v1/incidents/{ref}/postmortem/sections/{key}/diff": {
        get: {
          summary: "The section as published in a revision (default: the latest published) against its text now: { published, current, changed, lines: [{ op: same | add | del, text }] }; 404 when never published",
          parameters: [refParam, pathParam("key"), ...queryParams(sectionDiffQuerySchema)],
          responses: { "200": ok("The diff"), ...errors(400, 401, 404) },
        },
      },
      "/api/v1/incidents/{ref}/postmortem/export.md": {
        get: {
          summary: "The postmortem as a Markdown download: every section and the action items",
          parameters: [refParam],
          responses: { "200": { description: "Markdown", content: { "text/markdown": { schema: { type: "string" } } } }, ...errors(401, 404) },
        },
      },
      "/api/v1/postmortems": {
        get: {
          summary: "Postmortems the caller may see, newest first: incident reviews, near misses, positive retros",
          parameters: queryParams(postmortemListQuerySchema),
          responses: { "200": ok("{ items }"), ...errors(400, 401) },
        },
        post: {
          summary: "Start a review with no incident: { type: near_miss | positive_retro, title, services? (service keys) }, with the organization's template, pre-filled with the questions it asks",
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/StandalonePostmortemCreate" } } } },
          responses: { "201": ok("The postmortem (incident: null)"), ...errors(400, 401, 403, 409, 413, 429) },
        },
      },
      "/api/v1/postmortems/{id}": {
        get: { summary: "A postmortem by id (one of an incident is as visible as its incident)", parameters: [pathParam("id")], responses: { "200": ok("The postmortem"), ...errors(401, 404) } },
        patch: {
          summary: "Move it through review: draft → in_review → published; published → draft starts the next revision",
          parameters: [pathParam("id")],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/PostmortemPatch" } } } },
          responses: { "200": ok("The postmortem"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/postmortems/{id}/sections/{key}": {
        patch: {
          summary: "Save one section with the version last read (409 with the current text when stale)",
          parameters: [pathParam("id"), pathParam("key")],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/SectionPatch" } } } },
          responses: { "200": ok("{ section, postmortem: { status, revision } }"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/postmortems/{id}/sections/{key}/diff": {
        get: {
          summary: "The section as published in a revision (default: the latest) against its text now, as a line diff; 404 when never published",
          parameters: [pathParam("id"), pathParam("key"), ...queryParams(sectionDiffQuerySchema)],
          responses: { "200": ok("The diff"), ...errors(400, 401, 404) },
        },
      },
      "/api/v1/postmortems/{id}/reviewers": {
        post: {
          summary: "Ask someone to review: { reviewer: handle | email } (a responder or admin; on a private incident they become a member). Twice: 409",
          parameters: [pathParam("id")],
          requestBody: jsonBody("ReviewerAdd"),
          responses: { "201": ok("{ reviewers }"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
        delete: {
          summary: "No longer a reviewer (404 when they were not one)",
          parameters: [pathParam("id"), ...queryParams(reviewerRemoveQuerySchema)],
          responses: { "200": ok("{ reviewers }"), ...errors(400, 401, 403, 404, 429) },
        },
      },
      "/api/v1/postmortems/{id}/comments": {
        get: {
          summary: "Comments on sections, oldest first",
          parameters: [pathParam("id"), ...queryParams(commentListQuerySchema)],
          responses: { "200": ok("{ items }"), ...errors(400, 401, 404) },
        },
        post: {
          summary: "Comment on a section: { section, body (Markdown) }",
          parameters: [pathParam("id"), idempotencyHeader],
          requestBody: jsonBody("CommentCreate"),
          responses: { "201": ok("The comment"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/postmortems/{id}/comments/{commentId}": {
        patch: {
          summary: "Resolve or reopen a comment: { resolved }",
          parameters: [pathParam("id"), pathParam("commentId")],
          requestBody: jsonBody("CommentPatch"),
          responses: { "200": ok("The comment"), ...errors(400, 401, 403, 404, 413, 429) },
        },
      },
      "/api/v1/postmortems/{id}/export.md": {
        get: {
          summary: "The review as a Markdown download: every section and the action items",
          parameters: [pathParam("id")],
          responses: { "200": { description: "Markdown", content: { "text/markdown": { schema: { type: "string" } } } }, ...errors(401, 404) },
        },
      },
      "/api/v1/action-items": {
        get: {
          summary: "Action items across incidents, soonest due first; each with overdue and its incident",
          parameters: queryParams(actionItemListQuerySchema),
          responses: { "200": ok("{ items, nextCursor }"), ...errors(400, 401) },
        },
        post: {
          summary:
            "Create an action item: one owner, a due date, priority, kind (mitigate, prevent, detect, process), optional tracker URL, and the review it comes from: `incident` (its ref) or `postmortem` (its id). On a private incident the owner becomes a member",
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ActionItemCreate" } } } },
          responses: { "201": ok("The action item"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/action-items/{id}": {
        patch: {
          summary:
            "Edit an action item with the version last read (409 when stale); status open, in_progress, done, verified (after done), wont_do (needs a reason). A new owner on a private incident becomes a member",
          parameters: [pathParam("id")],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ActionItemPatch" } } } },
          responses: { "200": ok("The action item"), ...errors(400, 401, 403, 404, 409, 413, 429) },
        },
      },
      "/api/v1/changes": {
        get: {
          summary: "Changes (deploys, config, flags, migrations), newest first",
          parameters: queryParams(changeListQuerySchema),
          responses: { "200": ok("{ items, nextCursor }"), ...errors(400, 401) },
        },
        post: {
          summary: "Record a change (CI/CD or a person)",
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ChangeCreate" } } } },
          responses: { "201": ok("The change"), ...errors(400, 401, 403, 409, 413, 429) },
        },
      },
      ...schedulePaths(),
      ...teamPaths(),
      ...pagingPaths(),
      ...oncallHealthPaths(),
      ...alertPaths(),
      "/api/v1/users/me/shifts.ics": {
        get: {
          summary: "Your own on-call shifts across every schedule, as an iCalendar (RFC 5545) feed: 30 days back to 90 days ahead",
          parameters: [calendarTokenParam],
          responses: { "200": calendarResponse, ...errors(401) },
        },
      },
      "/api/v1/users": { get: { summary: "Members of the organization", parameters: [{ name: "q", in: "query", schema: { type: "string" } }], responses: { "200": ok("{ items }"), ...errors(401) } } },
      "/api/v1/tokens": {
        get: { summary: "Your API tokens", responses: { "200": ok("{ items }"), ...errors(401) } },
        post: {
          summary: "Create an API token (the secret is shown once)",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ApiTokenCreate" } } } },
          responses: { "201": ok("The token with its secret"), ...errors(400, 401) },
        },
      },
      "/api/v1/tokens/{id}": { delete: { summary: "Revoke a token", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": ok("The revoked token"), ...errors(401, 404) } } },
      "/api/health": { get: { summary: "Health", security: [], responses: { "200": ok("{ status, db }"), "503": ok("Database unavailable") } } },
    }),
  };
}
