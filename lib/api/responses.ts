import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { isBodyError } from "@/lib/api/body";
import { expectedErrorOf } from "@/lib/errors";

/** JSON error body shared by every route handler: `{ error: code, message, fieldErrors? }`. */
export function jsonError(status: number, error: string, message: string, fieldErrors?: Record<string, unknown>) {
  return NextResponse.json({ error, message, ...(fieldErrors ? { fieldErrors } : {}) }, { status });
}

export function badRequest(error: z.ZodError) {
  const { formErrors, fieldErrors } = z.flattenError(error);
  return jsonError(400, "bad-request", formErrors[0] ?? "The request is not valid.", fieldErrors);
}

/** Maps an expected AppError to its status; anything else is logged and answered with 500. */
export function errorResponse(error: unknown) {
  if (isBodyError(error)) return jsonError(error.httpStatus, error.bodyCode, error.message);
  const expected = expectedErrorOf(error);
  if (expected) {
    const response = jsonError(expected.status, expected.code, expected.message, expected.fieldErrors);
    if (expected.code === "unavailable") response.headers.set("Retry-After", "5");
    return response;
  }
  console.error(error);
  return jsonError(500, "internal", "Something went wrong on the server.");
}
