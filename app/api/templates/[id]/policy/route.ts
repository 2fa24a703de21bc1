import { NextResponse } from "next/server";
import { POLICY_BODY_LIMIT, readJsonBody } from "@/lib/api/body";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { saveTemplatePolicy } from "@/lib/data/templates";
import { describeIssues } from "@/lib/firewall";
import { idParamSchema } from "@/lib/validations/download";
import { policyPutSchema } from "@/lib/validations/policy-api";

type Context = { params: Promise<{ id: string }> };

// PUT /api/templates/:id/policy – save `{ version, policy }` as the template's next revision (409 if
// someone saved since `version`). Followers change only when the revision is applied to them.
export async function PUT(request: Request, context: Context) {
  try {
    await requireRole("editor");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a template id.");
    const parsed = policyPutSchema.safeParse(await readJsonBody(request, POLICY_BODY_LIMIT));
    if (!parsed.success) return jsonError(400, "bad-request", "The policy is not valid.", { issues: describeIssues(parsed.error.issues) });
    const saved = await saveTemplatePolicy(id.data, parsed.data.version, parsed.data.policy);
    return NextResponse.json({ id: id.data, version: saved.version, savedAt: saved.savedAt.toISOString(), changes: saved.changes.length });
  } catch (error) {
    return errorResponse(error);
  }
}
