// On a phone or a small tablet (≤ 720 px, see styles.css) the main navigation folds behind a Menu
// button so the top bar stays one row; wider, the button is hidden and the navigation always shows.
import { useEffect, useId, useRef, useState } from 'react';

export interface NavMenu {
  open: boolean;
  toggle: () => void;
  navId: string;
  navRef: React.RefObject<HTMLElement | null>;
  buttonRef: React.RefObject<HTMLButtonElement | null>;
}

/** Open/closed state of the phone menu: closes on choosing a link, on Escape, on a tap or Tab outside it. */
export function useNavMenu(path: string): NavMenu {
  const [open, setOpen] = useState(false);
  const navId = useId();
  const navRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => setOpen(false), [path]);

  useEffect(() => {
    if (!open) return;
    const nav = navRef.current;
    // The navigation comes before the button in the page: focus goes to it, so Tab walks its links.
    (nav?.querySelector<HTMLElement>('[aria-current="page"]') ?? nav?.querySelector<HTMLElement>('a'))?.focus();
    const chosen = (event: Event) => {
      if ((event.target as Element).closest('a')) setOpen(false);
    };
    const focusOut = (event: FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if (next && !nav?.contains(next) && !buttonRef.current?.contains(next)) setOpen(false);
    };
    const outside = (event: Event) => {
      const target = event.target as Node;
      if (!navRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    nav?.addEventListener('click', chosen);
    nav?.addEventListener('focusout', focusOut);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
      nav?.removeEventListener('click', chosen);
      nav?.removeEventListener('focusout', focusOut);
    };
  }, [open]);

  return { open, toggle: () => setOpen((was) => !was), navId, navRef, buttonRef };
}

/** The Menu button of the phone top bar. */
export function NavMenuButton({ menu }: { menu: NavMenu }) {
  return (
    <button
      type="button"
      ref={menu.buttonRef}
      className="menu-button"
      aria-expanded={menu.open}
      aria-controls={menu.navId}
      onClick={menu.toggle}
      data-testid="menu-button"
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 20 20">
        {menu.open ? (
          <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        ) : (
          <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        )}
      </svg>
      <span>Menu</span>
    </button>
  );
}
