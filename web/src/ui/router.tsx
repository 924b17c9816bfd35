import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

// A small history router: the app has a handful of flat routes, so a dependency is not worth it.
const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; children: ReactNode };

export function Link({ to, children, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}

/**
 * The `?next=` path to return to after signing in or up (an invite link's landing page sends
 * visitors there and back). Only a path on this site: never `//other.host` or a full URL.
 */
export function nextPath(query: URLSearchParams = new URLSearchParams(window.location.search)): string | null {
  const next = query.get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

/**
 * `next` marked as the first page of a brand-new account (`?welcome=1`), so a page reached straight
 * from sign-up (an invite link) can offer the first-run profile step once its own action is done.
 */
export function firstRunAt(next: string): string {
  const url = new URL(next, 'http://rapport.invalid'); // `next` is a path on this site (nextPath): only its parts are kept
  url.searchParams.set('welcome', '1');
  return url.pathname + url.search + url.hash;
}
