import { NextResponse } from "next/server";
import { POLICY_BODY_LIMIT, readJsonBody } from "@/lib/api/body";
import { errorResponse, jsonError } from "@/lib/api/responses";
import { requireRole } from "@/lib/auth/session";
import { getPolicyRecord, savePolicy } from "@/lib/data/policies";
import { describeIssues } from "@/lib/firewall";
import { idParamSchema } from "@/lib/validations/download";
import { policyPutSchema } from "@/lib/validations/policy-api";


type Context = { params: Promise<{ id: string }> };

// GET /api/servers/:id/policy – the profile document with the version to send back when saving.
export async function GET(_request: Request, context: Context) {
  try {
    await requireRole("viewer");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a server id.");
    const record = await getPolicyRecord(id.data);
    if (!record) return jsonError(404, "not-found", "No server with this id.");
    if (!record.reading.ok) return jsonError(409, "conflict", record.reading.message);
    return NextResponse.json({ id: record.id, version: record.version, document: record.reading.document });
  } catch (error) {
    return errorResponse(error);
  }
}

// PUT /api/servers/:id/policy – save the matrix `{ version, policy }`; 409 if someone saved since `version`.
export async function PUT(request: Request, context: Context) {
  try {
    await requireRole("editor");
    const id = idParamSchema.safeParse((await context.params).id);
    if (!id.success) return jsonError(400, "bad-request", "Not a server id.");
    const parsed = policyPutSchema.safeParse(await readJsonBody(request, POLICY_BODY_LIMIT));
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      return jsonError(400, "bad-request", "The policy is not valid.", { issues });
    }
    const saved = await savePolicy(id.data, parsed.data.version, parsed.data.policy);
    return NextResponse.json({ id: id.data, version: saved.version, savedAt: saved.savedAt.toISOString() });
  } catch (error) {
    return errorResponse(error);
  }
}
