// The on-call area's own navigation: schedules (who is on call), escalation
// policies (who is paged, in which order) and health (what it costs them).
import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/schedules", label: "Schedules" },
  { href: "/escalation-policies", label: "Escalation policies" },
  { href: "/oncall/health", label: "Health" },
] as const;

export function OnCallTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return <SectionTabs label="On-call" tabs={TABS} current={current} />;
}
