import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

import { authenticator } from "~/services/auth.server";
import { commitSession, getSession } from "~/session.server";

// The identity provider sends people back here; returnTo is appended by our login link.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await authenticator.authenticate("acme-sso", request, {
    failureRedirect: "/login",
  });

  const session = await getSession(request.headers.get("Cookie"));
  session.set("user", user);

  return redirect(url.searchParams.get("returnTo") || "/orders", { // expect: MUFI008
    headers: { "Set-Cookie": await commitSession(session) },
  });
}
