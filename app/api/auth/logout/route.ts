// POST /api/auth/logout — end this session (its row is deleted, so the cookie is worthless) and go to the login page
import { NextResponse, type NextRequest } from "next/server";
import { signOut } from "@/lib/auth";
import { apiError, clearSessionCookie, requireApiUser, sameSiteUrl, sessionTokenFromCookie } from "@/lib/auth/request";
import { getDb } from "@/lib/db";

export async function POST(request: NextRequest) {
  const form = (request.headers.get("content-type") ?? "").includes("application/json") ? null : await request.formData().catch(() => null);
  try {
    await requireApiUser({ request, role: "viewer", form });
    const token = await sessionTokenFromCookie();
    if (token) await signOut({ ctx: { db: getDb() }, input: { token } });
    const response = NextResponse.redirect(sameSiteUrl(request, "/login"), 303);
    clearSessionCookie(response);
    return response;
  } catch (error) {
    return apiError(error, "auth.sign_out_failed");
  }
}
