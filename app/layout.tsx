import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { FooterStatus } from "@/components/footer-status";
import { ThemeToggle, type Theme } from "@/components/theme-toggle";
import "./globals.css";

export const metadata: Metadata = { title: "WANscope", description: "Per-WAN load and client stickiness for MikroTik gateway fleets" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const saved = (await cookies()).get("theme")?.value;
  const theme: Theme = saved === "light" || saved === "dark" ? saved : "system";
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body>
        <a className="skip-link" href="#content">Skip to content</a>
        <header className="site">
          <Link href="/" className="brand">WANscope</Link>
          <nav aria-label="Main">
            <Link href="/">Fleet</Link>
            <Link href="/dual-listed">Dual-listed clients</Link>
            <Link href="/clients">Client search</Link>
            <Link href="/status">Status</Link>
          </nav>
          <span className="spacer" />
          <ThemeToggle initial={theme} />
        </header>
        <main id="content">{children}</main>
        <FooterStatus />
      </body>
    </html>
  );
}
