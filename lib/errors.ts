import { databaseFaultOf } from "@/lib/db-errors";

/** Messages per field (form field name, or a key such as `service:ssh:sources`): the one shape every form, action and route uses. */
export type FieldErrors = Record<string, string[] | undefined>;

/** Expected failures the UI and the API both know how to show. */
export type AppErrorCode = "unauthorized" | "forbidden" | "not-found" | "conflict" | "bad-request" | "unavailable";

const STATUS: Record<AppErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "bad-request": 400,
  unavailable: 503,
};

const DEFAULT_MESSAGE: Record<AppErrorCode, string> = {
  unauthorized: "Sign in to continue.",
  forbidden: "Your role does not allow this.",
  "not-found": "Not found.",
  conflict: "The request conflicts with the current state.",
  "bad-request": "The request is not valid.",
  unavailable: "The service is unavailable right now. Try again in a moment.",
};

/** What a user reads when the database refused a change; nothing of SQLite's or Prisma's text. */
export const DATABASE_FAULT_MESSAGE = {
  busy: "The database is busy with another change, so nothing was saved. Try again in a moment.",
  unwritable: "The database cannot store changes right now (its disk may be full or read-only), so nothing was saved. Try again later; the server log has the details for an administrator.",
} as const;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: AppErrorCode, message?: string, fieldErrors?: FieldErrors) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * An expected AppError for `error`, if it is one or is the database being busy or unwritable
 * (answered 503; the cause is logged here because the user only sees the sentence above).
 */
export function expectedErrorOf(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  const fault = databaseFaultOf(error);
  if (!fault) return null;
  console.error(`Database ${fault}:`, error);
  return new AppError("unavailable", DATABASE_FAULT_MESSAGE[fault]);
}

/** For next-auth, which puts a thrown message in the login URL: a database fault becomes its sentence. */
export function rethrowReadable(error: unknown): never {
  const expected = expectedErrorOf(error);
  throw expected?.code === "unavailable" ? new Error(expected.message) : error;
}
