import clsx from "clsx";
import Link from "next/link";
import type { UserListRow } from "@/lib/data/users";
import { ROLE_LABELS } from "@/lib/validations/user";
import { UnlockControl, UserControls } from "./user-controls";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function UserTable({ users, currentUserId }: { users: UserListRow[]; currentUserId: string }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">User accounts ({users.length})</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">Name</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Email</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Status</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Created (UTC)</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Role and access</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id} className="align-top" data-testid={`user-${u.email}`}>
              <td className="whitespace-nowrap px-4 py-3 font-medium text-slate-900">
                {u.name}
                {u.id === currentUserId ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
              </td>
              <td className="px-4 py-3 text-slate-700">{u.email}</td>
              <td className="px-4 py-3">
                <span className={clsx("rounded px-1.5 py-0.5 text-xs font-medium", u.disabled ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-800")}>
                  {u.disabled ? "Disabled" : "Active"}
                </span>
                {u.lock ? <UnlockControl user={{ id: u.id, name: u.name }} lock={u.lock} /> : null}
              </td>
              <td className="px-4 py-3 text-slate-700">{dateFormat.format(u.createdAt)}</td>
              <td className="px-4 py-3">
                <UserControls user={{ id: u.id, name: u.name, role: u.role, disabled: u.disabled }} />
                <Link href={`/users/${u.id}/password`} className="mt-1 inline-block text-xs font-medium text-brand-700 underline">
                  Reset password<span className="sr-only"> of {u.name}</span>
                </Link>
                <span className="sr-only">Current role: {ROLE_LABELS[u.role]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
