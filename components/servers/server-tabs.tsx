import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { key: "details", label: "Details", path: "" },
  { key: "matrix", label: "Port matrix", path: "/matrix" },
  { key: "review", label: "Review & download", path: "/review" },
  { key: "revisions", label: "Revisions", path: "/revisions" },
  { key: "audit", label: "Audit", path: "/audit" },
] as const;

export type ServerTab = (typeof TABS)[number]["key"];

/** The sections of one server: details, port matrix, review with downloads, revisions, audit trail. */
export function ServerTabs({ id, current }: { id: string; current: ServerTab }) {
  return <SectionTabs base={`/servers/${id}`} tabs={TABS} current={current} label="Server sections" />;
}
