import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/validations/user";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role };
  }
  interface User {
    role: Role;
    sessionEpoch: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    id: string;
    role: Role;
    /** The user's session epoch at sign-in (absent in tokens older than the epoch: read as 0). */
    epoch?: number;
    /** The Session row (lib/auth/sessions.ts) that must still exist for the token to count. */
    sid?: string;
    /** The session's absolute end (seconds since the epoch): no re-issued token lives longer. */
    sessionEnd?: number;
  }
}
