// Request and payload schemas, shared by forms, route handlers, socket events
// and the OpenAPI document. No Prisma here.
import { z } from "zod";
import { PRIORITIES, SEVERITIES } from "./severity";
import { INCIDENT_STATUSES } from "./lifecycle";

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

/** Trimmed text of bounded length; blank counts as missing. */
const text = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`).optional();
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\//i.test(v), "Must be an http(s) URL");

export const linkSchema = z.object({ label: text(80), url: httpUrl });

export const incidentRefSchema = z.string().regex(/^INC-\d{1,9}$/i, "Must look like INC-123");

// ─── Declare ────────────────────────────────────────────────────────────────

export const incidentCreateSchema = z
  .object({
    title: text(200),
    severity: severitySchema,
    summary: optionalText(10_000),
    priority: prioritySchema.optional(),
    private: z.boolean().optional(),
    drill: z.boolean().optional(),
    /** Service ids or keys (`SVC-CHECKOUT`). */
    services: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    /** When the impact started (ISO 8601), if known. */
    startedAt: z.iso.datetime({ offset: true }).optional(),
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
  cursor: z.string().max(200).optional(),
});
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;

export const timelineQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

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

export const orgSettingsSchema = z
  .object({
    /** Minutes between updates per severity; null = no cadence. */
    cadence: z.record(severitySchema, z.number().int().min(1).max(1440).nullable()).optional(),
  })
  .catch({});
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

export const incidentIntakeSchema = z
  .object({
    blastRadius: z.string().optional(),
    recentChanges: z.string().optional(),
    notify: z.string().optional(),
  })
  .catch({});

export const noteCreateSchema = z.object({ body: text(10_000) }).strict();
export type NoteCreateInput = z.infer<typeof noteCreateSchema>;
