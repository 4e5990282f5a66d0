// Request and payload schemas, shared by forms, route handlers, socket events
// and the OpenAPI document. No Prisma here.
import { z } from "zod";
import { PRIORITIES, SEVERITIES } from "./severity";
import { INCIDENT_STATUSES, RECOVERY_CHECKLIST, RESOLUTION_CRITERIA } from "./lifecycle";
import { BOARD_KINDS, BOARD_STATES, WORKSTREAM_STATUSES } from "./incident-view";
import { DEFAULT_NUDGE_SETTINGS, type NudgeSettings } from "./nudges";
import { DEFAULT_COMMAND_SETTINGS, type CommandSettings } from "./handover";
import { DECISION_OUTCOMES } from "./decisions";
import { coercedInt4, int4, INT4_MAX, isoInstant, safeString, tooLong } from "./input";

export const severitySchema = z.enum(SEVERITIES);
export const prioritySchema = z.enum(PRIORITIES);
export const incidentStatusSchema = z.enum(INCIDENT_STATUSES);
export const orgRoleSchema = z.enum(["admin", "responder", "viewer"]);
export type OrgRole = z.infer<typeof orgRoleSchema>;

export const INCIDENT_ROLES = ["commander", "ops_lead", "comms_lead", "scribe", "sme", "support_lead", "exec_sponsor"] as const;
export const incidentRoleSchema = z.enum(INCIDENT_ROLES);
export type IncidentRole = z.infer<typeof incidentRoleSchema>;

export const UPDATE_AUDIENCES = ["responders", "internal", "exec", "public"] as const;
export const audienceSchema = z.enum(UPDATE_AUDIENCES);

/**
 * Trimmed text of bounded length that Postgres can store (no NUL, no lone surrogate); blank counts as missing, and
 * `required` says what to write then ("Give the incident a title"). The messages say what to do, in plain words.
 */
export const text = (max: number, required = "Required") => safeString().trim().min(1, required).max(max, tooLong(max));
export const optionalText = (max: number) => safeString().trim().max(max, tooLong(max)).optional();
const httpUrl = safeString()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\//i.test(v), "Must be an http(s) URL");

export const linkSchema = z.object({ label: text(80, "Name the link"), url: httpUrl });

export const incidentRefSchema = z.string().regex(/^INC-\d{1,9}$/i, "Must look like INC-123");

// ─── Declare ────────────────────────────────────────────────────────────────

export const incidentCreateSchema = z
  .object({
    title: text(200, "Give the incident a title"),
    severity: severitySchema,
    summary: optionalText(10_000),
    priority: prioritySchema.optional(),
    private: z.boolean().optional(),
    drill: z.boolean().optional(),
    /** Service ids or keys (`SVC-CHECKOUT`). */
    services: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    /** When the impact started (ISO 8601), if known. */
    /** When the impact started. Not in the future (a minute of clock skew allowed): an age is never negative. */
    startedAt: isoInstant()
      .refine((v) => Date.parse(v) <= Date.now() + 60_000, "The impact cannot start in the future")
      .optional(),
    /** Who takes command (handle or email); default: a human declarer. An automation declarer names nobody: a human takes command. */
    commander: z.string().trim().toLowerCase().min(1, "Required").max(320).optional(),
    /** Intake questions (all optional). */
    blastRadius: optionalText(2000),
    recentChanges: optionalText(2000),
    notify: optionalText(2000),
  })
  .strict();
export type IncidentCreateInput = z.infer<typeof incidentCreateSchema>;

export const incidentListQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",") : undefined))
    .pipe(z.array(z.enum([...INCIDENT_STATUSES, "active"])).optional()),
  severity: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",") : undefined))
    .pipe(z.array(severitySchema).optional()),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The number of the last incident of the previous page. */
  cursor: z.string().regex(/^\d{1,10}$/, "Invalid cursor").refine((v) => Number(v) >= 1 && Number(v) <= INT4_MAX, "Invalid cursor").optional(),
});
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;

export const timelineQuerySchema = z.object({
  /** Entries after this seq, oldest first: how a client catches up. */
  after: coercedInt4(0).default(0),
  /** Or the newest entries before this seq (still in seq order): paging back through a long timeline. */
  before: coercedInt4(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

/** Since you last looked (issue 18): the digest of entries after `since` (default: the reader's own marker). */
export const digestQuerySchema = z.object({ since: coercedInt4(0).optional() });
export type DigestQuery = z.infer<typeof digestQuerySchema>;

/** The last seq a person saw of an incident: the marker only moves forward. */
export const readMarkSchema = z.object({ seq: int4(0) }).strict();
export type ReadMarkInput = z.infer<typeof readMarkSchema>;

// ─── Tokens ─────────────────────────────────────────────────────────────────

export const apiTokenCreateSchema = z
  .object({
    name: text(80),
    automation: z.boolean().default(false),
  })
  .strict();
export type ApiTokenCreateInput = z.infer<typeof apiTokenCreateSchema>;

// ─── Sign-in ────────────────────────────────────────────────────────────────

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

// ─── Organization settings (a JSON column, validated when read) ─────────────

const orgSettingsShape = z
  .object({
    /** Minutes between updates per severity; null = no cadence. */
    cadence: z.partialRecord(severitySchema, z.number().int().min(1).max(1440).nullable()).optional(),
    /** Nudge thresholds (lib/domain/nudges.ts); missing ones take the defaults. */
    nudges: z
      .object({
        commanderMaxHours: z.number().min(0.5).max(48).optional(),
        endlessSevHours: z.number().min(1).max(720).optional(),
        workstreamBlockedMinutes: z.number().int().min(1).max(1440).optional(),
        decisionWithinMinutes: z.number().int().min(1).max(1440).optional(),
        escalationSeverities: z.array(severitySchema).optional(),
        escalationSteps: z
          .array(z.object({ afterMinutes: z.number().int().min(1).max(10_080), pullIn: z.string().trim().min(1, "Required").max(200) }).strict())
          .max(10)
          .refine((steps) => steps.every((s, i) => i === 0 || s.afterMinutes > steps[i - 1]!.afterMinutes), "Steps must come later and later")
          .optional(),
      })
      .strict()
      .optional(),
    /** Command handover (lib/domain/handover.ts); missing ones take the defaults. */
    command: z
      .object({
        /** An offer of command nobody answered expires after this many minutes. */
        handoverMinutes: z.number().int().min(1).max(120).optional(),
        /** A commander silent this long on an incident may have command taken by a responder. */
        absentCommanderMinutes: z.number().int().min(5).max(240).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The settings column as read: anything invalid falls back to the defaults rather than break a page. */
export const orgSettingsSchema = orgSettingsShape.catch({});
/** A PATCH of the organization's settings: validated strictly, 400 with the field. Given keys replace the stored ones. */
export const orgSettingsPatchSchema = orgSettingsShape;
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

/** The organization's handover settings, defaults filled in. */
export function commandSettingsOf(settings: OrgSettings): CommandSettings {
  return { ...DEFAULT_COMMAND_SETTINGS, ...settings.command };
}

/** The organization's nudge thresholds, defaults filled in. */
export function nudgeSettingsOf(settings: OrgSettings): NudgeSettings {
  return { ...DEFAULT_NUDGE_SETTINGS, ...settings.nudges };
}

export const incidentIntakeSchema = z
  .object({
    blastRadius: z.string().optional(),
    recentChanges: z.string().optional(),
    notify: z.string().optional(),
  })
  .catch({});

export const noteCreateSchema = z.object({ body: text(10_000, "Write the note") }).strict();
export type NoteCreateInput = z.infer<typeof noteCreateSchema>;

// ─── Running an incident ────────────────────────────────────────────────────

/** A person by handle or email. */
export const personSchema = z.string().trim().toLowerCase().min(1, "Required").max(320);
const reason = text(2000, "Say why");
const version = z.number({ error: "Required: the version you last read" }).int().min(1).max(INT4_MAX);

export const incidentPatchSchema = z
  .object({
    version,
    title: text(200).optional(),
    summary: z.string().trim().max(10_000, tooLong(10_000)).optional(),
    severity: severitySchema.optional(),
    priority: prioritySchema.optional(),
    status: incidentStatusSchema.optional(),
    /** Why: required when severity or status changes. */
    reason: reason.optional(),
    links: z.array(linkSchema).max(30).optional(),
    services: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    /** Resolution criteria confirmed when resolving (RESOLUTION_CRITERIA keys). */
    resolution: z.object(Object.fromEntries(Object.keys(RESOLUTION_CRITERIA).map((k) => [k, z.boolean().optional()]))).strict().optional(),
    /**
     * The CAN update that goes out with mitigating or resolving (internal audience), in the same write: the latest
     * update never says "investigating" on a resolved incident.
     */
    update: z
      .object({ condition: text(2000, "Say what users see now"), action: text(2000, "Say what was done"), need: z.string().trim().max(2000, tooLong(2000)).default("") })
      .strict()
      .optional(),
    /** Recovery checklist items ticked or unticked (RECOVERY_CHECKLIST keys). */
    recovery: z.object(Object.fromEntries(Object.keys(RECOVERY_CHECKLIST).map((k) => [k, z.boolean().optional()]))).strict().optional(),
  })
  .strict();
export type IncidentPatchInput = z.infer<typeof incidentPatchSchema>;

export const updateCreateSchema = z
  .object({
    condition: text(2000, "Say what users see now"),
    action: text(2000, "Say what is being done"),
    need: z.string().trim().max(2000, tooLong(2000)).default(""),
    audience: audienceSchema.default("internal"),
    /** Minutes until the next update; null: no further update planned. Default: the severity's cadence. */
    nextUpdateInMinutes: z.number().int().min(1).max(1440).nullable().optional(),
    /** When recovery is expected, if anyone dares say (ISO 8601). */
    eta: isoInstant().nullable().optional(),
  })
  .strict();
export type UpdateCreateInput = z.infer<typeof updateCreateSchema>;

export const decisionCreateSchema = z
  .object({
    decision: text(1000, "Say what was decided"),
    rationale: text(4000, "Say why"),
    alternatives: optionalText(4000),
    reversible: z.boolean().optional(),
    /** Who decided (handle or email); default: the author. */
    decidedBy: personSchema.optional(),
    /** When to look at it again (within a week): the page and the war room nudge then. */
    revisitAt: isoInstant().optional(),
    /** What would make us roll it back, in words… */
    rollbackTrigger: optionalText(1000),
    /** …and the dashboard that shows it. */
    rollbackLink: httpUrl.optional(),
  })
  .strict();
export type DecisionCreateInput = z.infer<typeof decisionCreateSchema>;

/** How a decision turned out when it came due: kept (maybe to revisit again), reversed or amended, and why. */
export const decisionOutcomeSchema = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    note: text(2000, "Say why, or what changed"),
    /** Kept or amended: when to look again (within a week); none ends the revisiting. */
    revisitAt: isoInstant().optional(),
  })
  .strict();
export type DecisionOutcomeInput = z.infer<typeof decisionOutcomeSchema>;

export const handoverBriefingSchema = z.union([
  text(10_000, "Say where things stand").transform((state) => ({ state })),
  z
    .object({
      state: text(10_000, "Say where things stand"),
      workstreams: optionalText(10_000),
      openDecisions: optionalText(10_000),
      nextUpdate: optionalText(2000),
    })
    .strict(),
]);

export const roleAssignSchema = z
  .object({
    user: personSchema,
    /**
     * Replacing a commander is taking command without acceptance (an absent commander: lib/domain/handover.ts); a
     * briefing may say where things stand. A commander who hands over offers instead (POST …/handovers).
     */
    briefing: handoverBriefingSchema.optional(),
  })
  .strict();

/** Offering command: to whom, with the outgoing commander's briefing (required: a silent handover is an anti-pattern). */
export const handoverCreateSchema = z
  .object({
    to: personSchema,
    briefing: handoverBriefingSchema,
  })
  .strict();
export type HandoverCreateInput = z.infer<typeof handoverCreateSchema>;

/** Declining command says why, so the commander knows whom to ask next. */
export const handoverDeclineSchema = z.object({ reason: text(2000, "Say why, so the commander knows whom to ask next") }).strict();
export type HandoverDeclineInput = z.infer<typeof handoverDeclineSchema>;
export type RoleAssignInput = z.infer<typeof roleAssignSchema>;

export const roleUnassignQuerySchema = z.object({ user: personSchema.optional() });

export const workstreamStatusSchema = z.enum(WORKSTREAM_STATUSES);
const lead = personSchema.nullable();

export const workstreamCreateSchema = z
  .object({
    title: text(200, "Name the workstream"),
    goal: text(1000, "Say what it should achieve"),
    lead: lead.optional(),
    threadUrl: httpUrl.optional(),
  })
  .strict();
export type WorkstreamCreateInput = z.infer<typeof workstreamCreateSchema>;

export const workstreamPatchSchema = z
  .object({
    version,
    title: text(200).optional(),
    goal: text(1000).optional(),
    lead: lead.optional(),
    status: workstreamStatusSchema.optional(),
    scratchpad: z.string().max(20_000, tooLong(20_000)).optional(),
    threadUrl: httpUrl.nullable().optional(),
  })
  .strict();
export type WorkstreamPatchInput = z.infer<typeof workstreamPatchSchema>;

export const boardItemCreateSchema = z
  .object({
    kind: z.enum(BOARD_KINDS),
    text: text(2000, "Write what is known, unknown or blocking"),
    disproveBy: optionalText(2000),
    owner: lead.optional(),
  })
  .strict();
export type BoardItemCreateInput = z.infer<typeof boardItemCreateSchema>;

/** What ruled an item out: what was checked (required), by whom (default: the author), a link to the evidence. */
export const evidenceSchema = z
  .object({
    checked: text(2000, "Say what was checked"),
    by: personSchema.optional(),
    link: httpUrl.optional(),
  })
  .strict();

export const boardItemPatchSchema = z
  .object({
    version,
    text: text(2000).optional(),
    state: z.enum(BOARD_STATES).optional(),
    disproveBy: z.string().trim().max(2000).nullable().optional(),
    owner: lead.optional(),
    /** Required when ruling out (state → ruled_out), and only then. */
    evidence: evidenceSchema.optional(),
  })
  .strict();
export type BoardItemPatchInput = z.infer<typeof boardItemPatchSchema>;

export const dashboardQuerySchema = z.object({
  service: z.string().trim().max(100).optional(),
  team: z.string().trim().max(100).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const escalationCreateSchema = z
  .object({
    /** The step taken (1-based, from the organization's escalation thresholds). */
    step: z.number().int().min(1).max(10),
    note: optionalText(2000),
  })
  .strict();
export type EscalationCreateInput = z.infer<typeof escalationCreateSchema>;

export const pinSchema = z.object({ pinned: z.boolean() }).strict();
