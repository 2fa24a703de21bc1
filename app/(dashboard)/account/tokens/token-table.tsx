"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ActionResult } from "@/lib/action-result";
import { SCOPE_LABEL, type TokenState } from "@/lib/auth/api-tokens";
import type { TokenRow } from "@/lib/data/api-tokens";
import { revokeTokenAction } from "./actions";

const STATE_STYLE: Record<TokenState, string> = {
  active: "bg-emerald-100 text-emerald-900",
  expired: "bg-slate-200 text-slate-800",
  revoked: "bg-red-100 text-red-900",
};
const STATE_LABEL: Record<TokenState, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

const day = (d: Date) => d.toISOString().slice(0, 10);
const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function RevokeButton({ token }: { token: TokenRow }) {
  const [state, action, isPending] = useActionState<ActionResult | null, FormData>(() => revokeTokenAction(token.id), null);
  return (
    <form action={action} onSubmit={(e) => { if (!window.confirm(`Revoke the token “${token.name}”? Scripts using it stop working at once.`)) e.preventDefault(); }}>
      <Button type="submit" variant="secondary" disabled={isPending} aria-label={`Revoke ${token.name}`}>{isPending ? "Revoking…" : "Revoke"}</Button>
      {state && !state.ok ? <p role="alert" className="mt-1 text-sm text-red-700">{state.message}</p> : null}
    </form>
  );
}

export function TokenTable({ tokens }: { tokens: TokenRow[] }) {
  if (tokens.length === 0) {
    return <EmptyState title="No API tokens yet">Create one for each script or tool, so each can be revoked on its own.</EmptyState>;
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Scope</th>
            <th scope="col" className="px-3 py-2">Expires</th>
            <th scope="col" className="px-3 py-2">Last used</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {tokens.map((t) => (
            <tr key={t.id}>
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                {t.name}
                <span className="block font-mono text-xs font-normal text-slate-600">{t.prefix}…</span>
              </th>
              <td className="px-3 py-2">{SCOPE_LABEL[t.scope]}</td>
              <td className="px-3 py-2">{day(t.expiresAt)}</td>
              <td className="px-3 py-2">{t.lastUsedAt ? minute(t.lastUsedAt) : "Never"}</td>
              <td className="px-3 py-2"><span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLE[t.state]}`}>{STATE_LABEL[t.state]}</span></td>
              <td className="px-3 py-2 text-right">{t.state === "active" ? <RevokeButton token={t} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">Revoked and expired tokens stay listed, so what they did can be traced in the audit log.</p>
    </div>
  );
}
