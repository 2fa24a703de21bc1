/** Messages per field (form field name, or a key such as `service:ssh:sources`): the one shape every form, action and route uses. */
export type FieldErrors = Record<string, string[] | undefined>;

/** Expected failures the UI and the API both know how to show. */
export type AppErrorCode = "unauthorized" | "forbidden" | "not-found" | "conflict" | "bad-request";

const STATUS: Record<AppErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "bad-request": 400,
};

const DEFAULT_MESSAGE: Record<AppErrorCode, string> = {
  unauthorized: "Sign in to continue.",
  forbidden: "Your role does not allow this.",
  "not-found": "Not found.",
  conflict: "The request conflicts with the current state.",
  "bad-request": "The request is not valid.",
};

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
