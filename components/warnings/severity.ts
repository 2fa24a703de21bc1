import { CircleAlert, Info, TriangleAlert, type LucideIcon } from "lucide-react";
import type { Severity } from "@/lib/firewall/warnings/types";

export const SEVERITY_STYLE: Record<Severity, { label: string; plural: string; Icon: LucideIcon; icon: string; chip: string; box: string }> = {
  critical: {
    label: "Critical", plural: "Critical", Icon: CircleAlert, icon: "text-red-600",
    chip: "bg-red-100 text-red-800 ring-red-200", box: "border-red-200 bg-red-50/60",
  },
  warning: {
    label: "Warning", plural: "Warnings", Icon: TriangleAlert, icon: "text-amber-600",
    chip: "bg-amber-100 text-amber-900 ring-amber-200", box: "border-amber-200 bg-amber-50/50",
  },
  info: {
    label: "Info", plural: "Info", Icon: Info, icon: "text-sky-600",
    chip: "bg-sky-100 text-sky-900 ring-sky-200", box: "border-slate-200 bg-white",
  },
};

export function countBySeverity(warnings: readonly { severity: Severity }[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const w of warnings) counts[w.severity]++;
  return counts;
}
