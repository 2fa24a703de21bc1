import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/credentials";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/jwt";
import { SECURE_SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { clientAddress } from "@/lib/auth/throttle";
import { env } from "@/lib/env";
import { rethrowReadable } from "@/lib/errors";

const EIGHT_HOURS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: EIGHT_HOURS },
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
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.id = user.id;
        token.role = user.role;
        token.epoch = user.sessionEpoch;
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
