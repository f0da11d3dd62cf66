import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { FooterStatus } from "@/components/footer-status";
import { ThemeToggle, type Theme } from "@/components/theme-toggle";
import { CsrfProvider } from "@/components/csrf";
import { currentSession } from "@/lib/auth/request";
import { DatabaseUnavailable } from "@/components/database-unavailable";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import "./globals.css";

export const metadata: Metadata = { title: "WANscope", description: "Per-WAN load and client stickiness for MikroTik gateway fleets" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const saved = (await cookies()).get("theme")?.value;
  const theme: Theme = saved === "light" || saved === "dark" ? saved : "system";
  // No database, no session check and no page data: say so (and retry) instead of a bare error.
  const session = await currentSession().catch((error: unknown) => {
    if (isDatabaseUnavailable(error)) return "unavailable" as const;
    throw error;
  });
  if (session === "unavailable")
    return (
      <html lang="en" data-theme={theme === "system" ? undefined : theme}>
        <body>
          <header className="site">
            <span className="brand">WANscope</span>
          </header>
          <main id="content">
            <DatabaseUnavailable />
          </main>
        </body>
      </html>
    );
  const role = session?.user.role;
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body>
        <CsrfProvider token={session?.csrfToken ?? ""}>
          <a className="skip-link" href="#content">
            Skip to content
          </a>
          <header className="site">
            <Link href="/" className="brand">
              WANscope
            </Link>
            {session && (
              <nav aria-label="Main">
                <Link href="/">Fleet</Link>
                <Link href="/dual-listed">Dual-listed clients</Link>
                <Link href="/configuration">Configuration</Link>
                <Link href="/clients">Client search</Link>
                <Link href="/alerts">Alerts</Link>
                <Link href="/audit">Audit</Link>
                <Link href="/status">Status</Link>
                {role === "admin" && <Link href="/settings/alerts">Alert settings</Link>}
                {role === "admin" && <Link href="/admin/routers">Routers</Link>}
                {role === "admin" && <Link href="/admin/users">Users</Link>}
                {role === "admin" && <Link href="/admin/tokens">API tokens</Link>}
              </nav>
            )}
            <span className="spacer" />
            {session && (
              <form method="post" action="/api/auth/logout" className="inline-form" data-testid="signed-in">
                <span className="muted small" data-testid="signed-in-as" data-role={role}>
                  {session.user.name} ({role})
                </span>{" "}
                <input type="hidden" name="csrf" value={session.csrfToken} />
                <button type="submit" data-testid="sign-out">
                  Sign out
                </button>
              </form>
            )}
            <ThemeToggle initial={theme} />
          </header>
          <main id="content">{children}</main>
          {session && <FooterStatus />}
        </CsrfProvider>
      </body>
    </html>
  );
}
