import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { FooterStatus } from "@/components/footer-status";
import "./globals.css";

export const metadata: Metadata = { title: "WANscope", description: "Per-WAN load and client stickiness for MikroTik gateway fleets" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site">
          <Link href="/" className="brand">WANscope</Link>
          <nav aria-label="Main">
            <Link href="/">Fleet</Link>
            <Link href="/status">Status</Link>
          </nav>
        </header>
        <main>{children}</main>
        <FooterStatus />
      </body>
    </html>
  );
}
