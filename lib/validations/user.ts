import { z } from "zod";

export const ROLES = ["admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD_MIN_LENGTH = 12;
const MAX_PASSWORD = 256;

const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/] as const;

/** How many of lower case, upper case, digit and symbol a password uses. */
export function characterClassCount(password: string): number {
  return CHARACTER_CLASSES.filter((re) => re.test(password)).length;
}

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters.`)
  .refine((p) => characterClassCount(p) >= 3, {
    message: "Mix at least three of: lower case, upper case, digits, symbols.",
  });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

/** First-run administrator (and, later, any new user). */
export const setupSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
    email: emailSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

export type SetupInput = z.infer<typeof setupSchema>;

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD),
});

export type LoginInput = z.infer<typeof loginSchema>;

export const ROLE_LABELS: Record<Role, string> = { admin: "Administrator", editor: "Editor", viewer: "Viewer" };
export const roleSchema = z.enum(ROLES, { error: "Choose administrator, editor or viewer." });

/** Ids come from URLs and hidden fields: bounded before they reach a query. */
export const userIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");

/** An administrator creating an account: the initial password follows the same strength rule as setup. */
export const newUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
  email: emailSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type NewUserInput = z.infer<typeof newUserSchema>;
export const NEW_USER_FIELDS = ["name", "email", "role", "password"] as const;

export const resetPasswordSchema = z
  .object({ password: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." });
