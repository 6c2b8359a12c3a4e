// The way page.tsx should work: the browser calls /api/profile, and this server
// route adds the key, which never leaves the server. mufi-lsp reports nothing here.
import { NextResponse } from "next/server";

export async function POST(request: Request) {
  const { userId } = (await request.json()) as { userId: string };
  const res = await fetch("https://api.mufi.app/v1/users/profile", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: `Bearer ${process.env.MUFI_API_KEY}`,
    },
    body: JSON.stringify({ userId }),
  });
  return NextResponse.json(await res.json(), { status: res.status });
}
