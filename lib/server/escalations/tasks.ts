import "server-only";
// The job queue's tasks. Payloads come back from the database: checked with zod
// like any other input (a malformed job fails loudly instead of half-running).
import type { TaskList } from "graphile-worker";
import { z } from "zod";
import { advanceEscalation, startEscalations } from "./engine";
import { deliverPage } from "./pages";
import { selfHeartbeat } from "./self-heartbeat";
import { flushAlertFeed } from "../alerts/feed";
import { expireHeartbeat } from "../alerts/heartbeats";
import { releaseHeldAlert } from "../alerts/ingest";
import { expireHandover } from "../incidents/handovers";
import type { JobTask } from "../jobs";

const schemas = {
  "escalation.start": z.object({ incidentId: z.string(), serviceIds: z.array(z.string()), by: z.string().nullable() }),
  "escalation.advance": z.object({ escalationId: z.string(), step: z.number().int().min(0), round: z.number().int().min(0) }),
  "page.deliver": z.object({ pageId: z.string(), channelId: z.string() }),
  "alerts.flush": z.object({ incidentId: z.string() }),
  "alerts.release": z.object({ alertId: z.string() }),
  "heartbeats.expire": z.object({ heartbeatId: z.string() }),
  "handover.expire": z.object({ handoverId: z.string() }),
  "conn.heartbeat": z.object({}),
} satisfies Record<JobTask, z.ZodType>;

export const jobTasks: TaskList = {
  "escalation.start": async (payload) => startEscalations(schemas["escalation.start"].parse(payload)),
  "escalation.advance": async (payload) => advanceEscalation(schemas["escalation.advance"].parse(payload)),
  "page.deliver": async (payload) => deliverPage(schemas["page.deliver"].parse(payload)),
  "alerts.flush": async (payload) => flushAlertFeed(schemas["alerts.flush"].parse(payload)),
  "alerts.release": async (payload) => releaseHeldAlert(schemas["alerts.release"].parse(payload)),
  "heartbeats.expire": async (payload) => expireHeartbeat(schemas["heartbeats.expire"].parse(payload)),
  "handover.expire": async (payload) => expireHandover(schemas["handover.expire"].parse(payload)),
  "conn.heartbeat": async (payload) => {
    schemas["conn.heartbeat"].parse(payload);
    await selfHeartbeat();
  },
};
