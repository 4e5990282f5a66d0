import { describe, expect, it } from "vitest";
import { answerRefusal, DEFAULT_COMMAND_SETTINGS, lastPresence, offerRefusal, takeCommand, unansweredHandover, withdrawRefusal } from "./handover";
import { computeNudges } from "./nudges";

const ic = { userId: "u-ic", role: "responder" as const, kind: "human" as const };
const bob = { id: "u-bob", handle: "bob", role: "responder" as const, deactivated: false };
const now = new Date("2026-12-04T03:40:00.000Z");
const minutes = (n: number) => new Date(now.getTime() - n * 60_000);

describe("offering command", () => {
  const offer = (over: Partial<Parameters<typeof offerRefusal>[0]> = {}) => offerRefusal({ actor: ic, status: "investigating", commanderId: "u-ic", to: bob, ...over });

  it("is for the commander, or an admin, to a responder who is not the commander", () => {
    expect(offer()).toBeNull();
    expect(offer({ actor: { userId: "u-admin", role: "admin", kind: "human" } })).toBeNull();
    expect(offer({ actor: { userId: "u-other", role: "responder", kind: "human" } })).toMatchObject({ status: 403, message: /Only the incident commander/ });
    expect(offer({ to: { ...bob, id: "u-ic" } })).toMatchObject({ status: 400, field: "to" });
    expect(offer({ to: { ...bob, role: "viewer" } })).toMatchObject({ status: 400, field: "to", message: /read-only/ });
    expect(offer({ to: { ...bob, deactivated: true } })).toMatchObject({ status: 400, field: "to" });
  });

  it("is never made by an automation token, nor on an incident without a commander or no longer open", () => {
    expect(offer({ actor: { ...ic, kind: "automation" } })).toMatchObject({ status: 403 });
    expect(offer({ commanderId: null })).toMatchObject({ status: 409 });
    expect(offer({ status: "mitigated" })).toBeNull();
    expect(offer({ status: "resolved" })).toMatchObject({ status: 409 });
  });
});

describe("answering an offer", () => {
  const pending = { status: "pending" as const, toUserId: "u-bob", expiresAt: new Date(now.getTime() + 1) };
  const bobActs = { userId: "u-bob", role: "responder" as const, kind: "human" as const };

  it("is for the person offered, a person, while it is pending and until the instant it expires", () => {
    expect(answerRefusal(pending, bobActs, now, "accept")).toBeNull();
    expect(answerRefusal({ ...pending, expiresAt: now }, bobActs, now, "accept")).toMatchObject({ status: 409, message: /expired/ });
    expect(answerRefusal(pending, { ...bobActs, userId: "u-ic" }, now, "accept")).toMatchObject({ status: 403 });
    expect(answerRefusal(pending, { ...bobActs, role: "admin", userId: "u-admin" }, now, "decline")).toMatchObject({ status: 403 });
    expect(answerRefusal(pending, { ...bobActs, kind: "automation" }, now, "accept")).toMatchObject({ status: 403, message: /automation/ });
  });

  it("is refused once it was answered, withdrawn or replaced", () => {
    expect(answerRefusal({ ...pending, status: "accepted" }, bobActs, now, "accept")).toMatchObject({ status: 409, message: "This offer was already accepted." });
    expect(answerRefusal({ ...pending, status: "superseded" }, bobActs, now, "decline")).toMatchObject({ status: 409, message: "This offer was already replaced." });
  });

  it("is withdrawn by whoever made it, the commander or an admin, while pending", () => {
    const h = { ...pending, byUserId: "u-admin" };
    expect(withdrawRefusal(h, ic, "u-ic")).toBeNull();
    expect(withdrawRefusal(h, { userId: "u-admin", role: "responder", kind: "human" }, "u-ic")).toBeNull();
    expect(withdrawRefusal(h, bobActs, "u-ic")).toMatchObject({ status: 403 });
    expect(withdrawRefusal({ ...h, status: "expired" }, ic, "u-ic")).toMatchObject({ status: 409 });
  });
});

describe("taking command without acceptance", () => {
  const commander = { userId: "u-ic", handle: "ic", deactivated: false, presentAt: minutes(15) };
  const take = (over: Partial<Parameters<typeof takeCommand>[0]> = {}) => takeCommand({ actor: { userId: "u-bob", role: "responder", kind: "human" }, commander, now, settings: DEFAULT_COMMAND_SETTINGS, ...over });

  it("is allowed to a responder from a commander silent for exactly the organization's minutes, not a minute less", () => {
    expect(take()).toEqual({ reason: "absent" });
    const refused = take({ commander: { ...commander, presentAt: new Date(minutes(15).getTime() + 1) } });
    expect(refused).toMatchObject({ status: 403 });
    expect("message" in refused && refused.message).toMatch(/@ic has command and wrote on this incident 14 min ago: ask them to hand over/);
    expect(take({ commander: { ...commander, presentAt: minutes(20) }, settings: { ...DEFAULT_COMMAND_SETTINGS, absentCommanderMinutes: 30 } })).toMatchObject({ status: 403 });
  });

  it("is allowed to a responder from a deactivated commander, and to an admin at any time", () => {
    expect(take({ commander: { ...commander, presentAt: now, deactivated: true } })).toEqual({ reason: "deactivated" });
    expect(take({ actor: { userId: "u-admin", role: "admin", kind: "human" }, commander: { ...commander, presentAt: now } })).toEqual({ reason: "admin" });
  });

  it("is never how a commander hands over, nor done by an automation token", () => {
    expect(take({ actor: ic, commander: { ...commander, presentAt: minutes(60) } })).toMatchObject({ status: 403, message: /offer it/ });
    expect(take({ actor: { userId: "u-bot", role: "admin", kind: "automation" } })).toMatchObject({ status: 403 });
  });

  it("counts the commander present from their last entry, or from taking command when later", () => {
    expect(lastPresence(minutes(30), minutes(5))).toEqual(minutes(5));
    expect(lastPresence(minutes(5), minutes(30))).toEqual(minutes(5));
    expect(lastPresence(minutes(5), null)).toEqual(minutes(5));
  });
});

describe("an offer that failed", () => {
  const expired = { status: "expired" as const, to: { handle: "bob", name: "Bob" }, decidedAt: minutes(30).toISOString(), reason: null };

  it("nudges the commander for 30 minutes after it expired or was declined, with what happened", () => {
    expect(unansweredHandover(expired, now)).toEqual({ message: "The handover to @bob expired unanswered: offer it again or to someone else.", since: minutes(30).toISOString() });
    expect(unansweredHandover({ ...expired, decidedAt: new Date(minutes(30).getTime() - 1).toISOString() }, now)).toBeNull();
    expect(unansweredHandover({ ...expired, status: "declined", reason: "On another incident" }, now)?.message).toBe("@bob declined command: “On another incident”. Offer it to someone else.");
    expect(unansweredHandover({ ...expired, status: "pending", decidedAt: null }, now)).toBeNull();
  });

  it("is one of the incident's nudges, offering the handover again", () => {
    const incident = { severity: "SEV2" as const, status: "investigating", declaredAt: minutes(60), mitigatedAt: null, nextUpdateDueAt: null, escalationStep: 0, commander: { handle: "ic", assignedAt: minutes(60) }, workstreams: [], decisionCount: 1 };
    const nudge = computeNudges({ ...incident, handover: { ...expired, decidedAt: minutes(2).toISOString() } }, now).find((n) => n.kind === "handover_unanswered");
    expect(nudge).toMatchObject({ key: "handover_unanswered:bob", level: "warning", action: { kind: "hand_over", label: "Offer again" } });
    expect(computeNudges({ ...incident, handover: null }, now).some((n) => n.kind === "handover_unanswered")).toBe(false);
  });
});
