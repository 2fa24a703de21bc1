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
  }
}
