import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { verifyLogin } from "~/models/user.server";
import { createUserSession, getUserId } from "~/session.server";
import { safeRedirect, validateEmail } from "~/utils";

export const meta: MetaFunction = () => [{ title: "Log in · Acme Market" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const userId = await getUserId(request);
  if (userId) return redirect("/orders");
  return json({});
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const formData = await request.formData();
  const email = formData.get("email");
  const password = formData.get("password");
  const redirectTo = safeRedirect(formData.get("redirectTo"), "/orders");
  const remember = formData.get("remember");

  if (!validateEmail(email)) {
    return json({ errors: { email: "Email is invalid", password: null } }, { status: 400 });
  }
  if (typeof password !== "string" || password.length === 0) {
    return json({ errors: { email: null, password: "Password is required" } }, { status: 400 });
  }

  const user = await verifyLogin(email, password);
  if (!user) {
    return json({ errors: { email: "Invalid email or password", password: null } }, { status: 400 });
  }

  return createUserSession({
    redirectTo,
    remember: remember === "on",
    request,
    userId: user.id,
  });
};

export default function LoginPage() {
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") || "/orders";
  const actionData = useActionData<typeof action>();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (actionData?.errors?.email) {
      emailRef.current?.focus();
    } else if (actionData?.errors?.password) {
      passwordRef.current?.focus();
    }
  }, [actionData]);

  return (
    <main className="mx-auto max-w-md px-8 py-16">
      <Form method="post" className="space-y-6">
        <label htmlFor="email">Email address</label>
        <input ref={emailRef} id="email" name="email" type="email" autoComplete="email" required />
        {actionData?.errors?.email ? <p role="alert">{actionData.errors.email}</p> : null}
        <label htmlFor="password">Password</label>
        <input ref={passwordRef} id="password" name="password" type="password" autoComplete="current-password" />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <label>
          <input name="remember" type="checkbox" /> Remember me
        </label>
        <button type="submit">Log in</button>
        <p>
          New here? <Link to={{ pathname: "/join", search: searchParams.toString() }}>Create an account</Link>
        </p>
      </Form>
    </main>
  );
}
