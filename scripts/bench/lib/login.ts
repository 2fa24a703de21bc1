/** Signs in through the real next-auth credentials flow and returns the Cookie header to reuse. */

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function login(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const body = new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/` });
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body,
    redirect: "manual",
  });
  const cookie = [...jar, ...cookiesOf(signIn)].join("; ");
  const session = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error(`sign-in failed (status ${signIn.status}): no session for ${email}`);
  return cookie;
}
