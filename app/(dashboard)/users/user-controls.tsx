"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/validations/user";
import type { AccountLock } from "@/lib/auth/throttle";
import { changeRoleAction, removeUserAction, setDisabledAction, unlockUserAction } from "./actions";

type Props = { user: { id: string; name: string; role: Role; disabled: boolean } };
type State = ActionResult | null;

/** One row's role, disable/enable and remove forms, with one message slot for whichever ran last. */
export function UserControls({ user }: Props) {
  const [roleState, roleAction, isRolePending] = useActionState<State, FormData>(changeRoleAction.bind(null, user.id), null);
  const [toggleState, toggleAction, isTogglePending] = useActionState<State>(setDisabledAction.bind(null, user.id, !user.disabled), null);
  const [removeState, removeAction, isRemovePending] = useActionState<State>(removeUserAction.bind(null, user.id), null);
  const last = [roleState, toggleState, removeState].find((s) => s && !s.ok) ?? null;
  const selectId = `role-${user.id}`;

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-1.5">
          <label htmlFor={selectId} className="sr-only">Role of {user.name}</label>
          <select id={selectId} name="role" defaultValue={user.role} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
          <Button type="submit" variant="secondary" disabled={isRolePending} className="px-2.5 py-1.5">
            Change role<span className="sr-only"> of {user.name}</span>
          </Button>
        </form>
        <form action={toggleAction}>
          <Button type="submit" variant={user.disabled ? "secondary" : "danger-outline"} disabled={isTogglePending} className="px-2.5 py-1.5">
            {user.disabled ? "Enable" : "Disable"}<span className="sr-only"> {user.name}</span>
          </Button>
        </form>
        <form action={removeAction} onSubmit={(e) => { if (!window.confirm(`Remove ${user.name}? This cannot be undone.`)) e.preventDefault(); }}>
          <Button type="submit" variant="ghost" disabled={isRemovePending} className="px-2.5 py-1.5 text-red-700">
            Remove<span className="sr-only"> {user.name}</span>
          </Button>
        </form>
      </div>
      <p aria-live="polite" className="text-sm text-red-700" role={last ? "alert" : undefined}>{last && !last.ok ? last.message : null}</p>
    </div>
  );
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "UTC" });

/** "Locked" with how widely and until when, and the button another administrator lifts it with. */
export function UnlockControl({ user, lock }: { user: { id: string; name: string }; lock: AccountLock }) {
  const [state, action, isPending] = useActionState<State>(unlockUserAction.bind(null, user.id), null);
  return (
    <div className="mt-1.5 space-y-1">
      <p className="text-xs text-amber-800">
        <span className="rounded bg-amber-50 px-1.5 py-0.5 font-medium">Locked</span>{" "}
        for {lock.addresses} address{lock.addresses === 1 ? "" : "es"} until {timeFormat.format(lock.until)} UTC
      </p>
      <form action={action}>
        <Button type="submit" variant="secondary" disabled={isPending} className="px-2 py-1 text-xs">
          Unlock<span className="sr-only"> {user.name}</span>
        </Button>
      </form>
      <p aria-live="polite" className="text-xs text-red-700">{state && !state.ok ? state.message : null}</p>
    </div>
  );
}
