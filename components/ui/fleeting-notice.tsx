"use client";

import { Suspense, useEffect, useMemo, useState, type ReactNode } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { Notice } from "./card";

/** How long a success notice stays, and how long it takes to fade. */
export const NOTICE_MS = 8000;
const FADE_MS = 600;

/**
 * Whether a piece of news (a new object each time something succeeds) is still fresh: from its
 * arrival until a few seconds pass, or the person types, changes or sends a form, or presses a
 * button or link anywhere on the page. An old "Saved" never sits beside newer work.
 */
export function useFresh(news: object | null | undefined): { fresh: boolean; fading: boolean } {
  const [gone, setGone] = useState<object | null>(null);
  const [fading, setFading] = useState<object | null>(null);
  useEffect(() => {
    if (!news) return;
    const end = () => setGone(news);
    const press = (e: Event) => {
      if (e.target instanceof Element && e.target.closest("button, a, summary")) end();
    };
    const fade = setTimeout(() => setFading(news), NOTICE_MS - FADE_MS);
    const timer = setTimeout(end, NOTICE_MS);
    for (const type of ["input", "change", "submit"]) document.addEventListener(type, end, true);
    document.addEventListener("click", press, true);
    return () => {
      clearTimeout(fade);
      clearTimeout(timer);
      for (const type of ["input", "change", "submit"]) document.removeEventListener(type, end, true);
      document.removeEventListener("click", press, true);
    };
  }, [news]);
  return { fresh: Boolean(news) && gone !== news, fading: Boolean(news) && fading === news };
}

const fadeClass = (fading: boolean) => `motion-safe:transition-opacity motion-safe:duration-500 ${fading ? "opacity-0" : "opacity-100"}`;

/**
 * A success notice for an action's answer: `news` is the answer (a new object per answer), shown
 * while fresh. `inline` is a line of text under a button instead of a banner.
 */
export function FleetingNotice({ news, inline = false, children }: { news: object | null | undefined; inline?: boolean; children: ReactNode }) {
  const { fresh, fading } = useFresh(news);
  if (!fresh) return null;
  if (inline) {
    return (
      <p role="status" className={`text-sm text-emerald-700 ${fadeClass(fading)}`}>
        {children}
      </p>
    );
  }
  return <Notice className={fadeClass(fading)}>{children}</Notice>;
}

/**
 * A success notice asked for by the address after a redirect (`?notice=created`): shown while fresh,
 * then the parameter leaves the address, so a reload or a refresh of the page does not bring it back.
 */
export function ParamNotice(props: { messages: Record<string, string>; param?: string }) {
  return (
    <Suspense fallback={null}>
      <FromAddress {...props} />
    </Suspense>
  );
}

function FromAddress({ messages, param = "notice" }: { messages: Record<string, string>; param?: string }) {
  const pathname = usePathname();
  const found = useSearchParams().get(param);
  const value = found && messages[found] ? found : null;
  // Keyed by the value alone: a refreshed page passes an equal but new `messages` object.
  const news = useMemo(() => (value ? { value } : null), [value]);
  const { fresh, fading } = useFresh(news);
  useEffect(() => {
    if (!news || fresh) return;
    const rest = new URLSearchParams(window.location.search);
    rest.delete(param);
    const query = rest.toString();
    window.history.replaceState(window.history.state, "", query ? `${pathname}?${query}` : pathname);
  }, [news, fresh, param, pathname]);
  if (!news || !fresh) return null;
  return <Notice className={fadeClass(fading)}>{messages[news.value]}</Notice>;
}
