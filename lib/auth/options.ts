import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/credentials";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/jwt";
import { SECURE_SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { endSession, SESSION_LIFETIME_SECONDS, startSession } from "@/lib/auth/sessions";
import { clientAddress } from "@/lib/auth/throttle";
import { env } from "@/lib/env";
import { rethrowReadable } from "@/lib/errors";

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  // The token's lifetime; the Session row behind it (checked on every request) also ends it on
  // sign-out, disable, password reset and after the idle timeout.
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
  // next-auth's token format with the derived key computed once (lib/auth/jwt.ts).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  // httpOnly and SameSite=Lax are next-auth's defaults; Secure (and the __Secure- prefix) whenever
  // the site is served over HTTPS.
  useSecureCookies: SECURE_SESSION_COOKIE,
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: (credentials, req) => authenticate(credentials, clientAddress(req.headers)).catch(rethrowReadable),
    }),
  ],
  events: {
    // Sign-out ends the session on the server too, not only the cookie in this browser.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(token.sid);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const session = await startSession(user.id);
        token.id = user.id;
        token.role = user.role;
        token.epoch = user.sessionEpoch;
        token.sid = session.id;
        token.sessionEnd = Math.floor(session.expiresAt.getTime() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.id;
        session.user.role = token.role;
      }
      return session;
    },
  },
};
