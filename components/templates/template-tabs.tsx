import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { key: "overview", label: "Overview", path: "" },
  { key: "matrix", label: "Port matrix", path: "/matrix" },
  { key: "review", label: "Review for followers", path: "/review" },
  { key: "revisions", label: "Revisions", path: "/revisions" },
] as const;

export type TemplateTab = (typeof TABS)[number]["key"];

/** The sections of one template: its details and followers, its port matrix, the review of a change for its followers, its revisions. */
export function TemplateTabs({ id, current }: { id: string; current: TemplateTab }) {
  return <SectionTabs base={`/templates/${id}`} tabs={TABS} current={current} label="Template sections" />;
}
