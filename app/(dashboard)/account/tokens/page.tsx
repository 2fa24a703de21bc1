import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { scopesFor } from "@/lib/auth/api-tokens";
import { requireUser } from "@/lib/auth/session";
import { listMyTokens } from "@/lib/data/api-tokens";
import { NewTokenForm } from "./new-token-form";
import { TokenTable } from "./token-table";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const me = await requireUser("viewer", "/account/tokens");
  const tokens = await listMyTokens();
  return (
    <>
      <Breadcrumbs items={[{ label: "API tokens" }]} />
      <PageHeader
        title="API tokens"
        description={<>Scripts use a token instead of signing in: <code>Authorization: Bearer pct_…</code> on the JSON routes (<a className="underline" href="/api/openapi.json">OpenAPI description</a>). A read token acts as a viewer; a read-and-write token as an editor, never more than your own role.</>}
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <NewTokenForm scopes={scopesFor(me.role)} />
        <TokenTable tokens={tokens} />
      </div>
    </>
  );
}
