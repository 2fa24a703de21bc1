import clsx from "clsx";
import { CircleAlert, CircleCheck, Info } from "lucide-react";
import type { ReactNode } from "react";

type Tone = "info" | "success" | "error";

const TONES: Record<Tone, { box: string; Icon: typeof Info }> = {
  info: { box: "border-brand-100 bg-brand-50 text-brand-900", Icon: Info },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", Icon: CircleCheck },
  error: { box: "border-red-200 bg-red-50 text-red-900", Icon: CircleAlert },
};

export function Notice({ tone = "info", children, id }: { tone?: Tone; children: ReactNode; id?: string }) {
  const { box, Icon } = TONES[tone];
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} className={clsx("flex gap-2 rounded-md border px-3 py-2 text-sm", box)}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div>{children}</div>
    </div>
  );
}
