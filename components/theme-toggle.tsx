"use client";

import { useState } from "react";

// Cycles system → light → dark. The choice lives in a cookie (so the server renders the right theme
// without a flash) and in localStorage (so other tabs and future pages can read it).
export type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };

export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const apply = () => {
    const next = NEXT[theme];
    setTheme(next);
    if (next === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
    document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
    try {
      localStorage.setItem("theme", next);
    } catch {
      // storage may be disabled; the cookie is enough
    }
  };
  return (
    <button
      type="button"
      onClick={apply}
      data-testid="theme-toggle"
      aria-label={`Theme: ${theme}. Switch to ${NEXT[theme]}`}
      title="Switch theme"
    >
      Theme: {theme}
    </button>
  );
}
