import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import type { MemberSummary } from './api-types.js';
import { Link } from './router.js';

export function Avatar({ member, size = 48 }: { member: Pick<MemberSummary, 'initials' | 'name'> & { id?: string | undefined; photoUrl?: string | null | undefined }; size?: number }) {
  if (member.photoUrl) {
    // The 96 px image is sharp up to 48 px on a 2× screen; anything larger takes the 400 px one.
    const src = size <= 48 ? `${member.photoUrl}?size=96` : member.photoUrl;
    return <img className="avatar" src={src} alt="" aria-hidden="true" width={size} height={size} loading="lazy" decoding="async" style={{ width: size, height: size }} />;
  }
  // A stable hue per member, so the same person keeps the same colour everywhere; slate when the
  // member id is unknown (notification payloads carry none). 30 % lightness keeps white initials
  // above 4.5:1 on every hue.
  let background = '#4a5563';
  if (member.id) {
    let hash = 2166136261;
    for (const char of member.id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    background = `hsl(${hash % 360} 45% 30%)`;
  }
  return (
    <span className="avatar" aria-hidden="true" style={{ width: size, height: size, fontSize: size * 0.38, background }}>
      {member.initials || '?'}
    </span>
  );
}

export function MemberLine({ member, extra }: { member: MemberSummary; extra?: ReactNode }) {
  return (
    <div className="member-line">
      <Avatar member={member} />
      <div className="member-line-text">
        <Link to={`/members/${member.id}`} className="member-name">
          {member.name}
        </Link>
        {member.headline ? <div className="muted">{member.headline}</div> : null}
        {extra}
      </div>
    </div>
  );
}

export function Notice({ kind = 'info', children, id }: { kind?: 'info' | 'error' | 'success' | 'warning'; children: ReactNode; id?: string }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} id={id}>
      {children}
    </div>
  );
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted loading" role="status">
      {label}
    </p>
  );
}

/** A labelled progress meter that turns into a warning at 80 % of the limit. */
export function Meter({ label, used, limit, hint }: { label: string; used: number; limit: number | null; hint?: ReactNode }) {
  const ratio = limit && limit > 0 ? Math.min(1, used / limit) : 0;
  const warn = limit !== null && limit > 0 && used / limit >= 0.8;
  const id = useId();
  return (
    <div className={`meter${warn ? ' meter-warn' : ''}`} data-warn={warn ? 'true' : 'false'}>
      <div className="meter-head">
        <span id={id}>{label}</span>
        <span className="meter-value">{limit === null ? `${used} (no limit)` : `${used} of ${limit}`}</span>
      </div>
      {limit !== null ? (
        <div className="meter-track" role="meter" aria-labelledby={id} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
          <div className="meter-fill" style={{ width: `${ratio * 100}%` }} />
        </div>
      ) : null}
      {hint ? <div className="meter-hint">{hint}</div> : null}
    </div>
  );
}

/**
 * The footer of a list read a page at a time: one button that reads the next page, shown while
 * there is one. A second press while a page is on its way is ignored (it would read the same page).
 */
export function LoadMore({ hasMore, onMore, label = 'Show more', className = 'button secondary' }: { hasMore: boolean; onMore: () => Promise<unknown>; label?: string; className?: string }) {
  const reading = useRef(false);
  if (!hasMore) return null;
  return (
    <button
      type="button"
      className={className}
      onClick={() => {
        if (reading.current) return;
        reading.current = true;
        void onMore().finally(() => (reading.current = false));
      }}
    >
      {label}
    </button>
  );
}

/** A checkbox or radio button with its label, and a hint under the label that describes it. */
export function ChoiceField({ type = 'checkbox', label, hint, ...input }: { type?: 'checkbox' | 'radio'; label: ReactNode; hint: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id'>) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="radio">
      <input id={id} type={type} aria-describedby={hintId} {...input} />
      <span>
        <label className="radio-label" htmlFor={id}>
          {label}
        </label>
        <span className="hint" id={hintId}>
          {hint}
        </span>
      </span>
    </div>
  );
}

/** A dialog's last step: what happened (a success notice, then anything more), and Done to close it. */
export function DialogDone({ children, more, onClose }: { children: ReactNode; more?: ReactNode; onClose: () => void }) {
  return (
    <div className="stack">
      <Notice kind="success">{children}</Notice>
      {more}
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}

/** Moves focus back to where it was before a dialog or popover took it, or to the page when that is gone. */
export function restoreFocus(target: HTMLElement | null): void {
  if (target && target.isConnected && target !== document.body && !target.closest('[inert]')) {
    target.focus();
    return;
  }
  document.getElementById('main')?.focus();
}

/**
 * A modal dialog on the native <dialog> element: focus trapping and Escape come from the browser.
 * Focus returns to the control that opened it when it closes, also when the dialog is unmounted.
 */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const shownAlert = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      restoreFocus(returnTo.current);
      returnTo.current = null;
    }
  }, [open]);
  useEffect(() => {
    // An error that appears in a scrolled body (on a phone, below the fold) is brought into view.
    const dialog = ref.current;
    if (!open || !dialog) return;
    const observer = new MutationObserver(() => {
      const alert = dialog.querySelector('[role="alert"]');
      if (alert && alert !== shownAlert.current) alert.scrollIntoView({ block: 'nearest' });
      shownAlert.current = alert;
    });
    observer.observe(dialog, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      // Unmounted while open (the usual way these dialogs go): the browser drops focus on <body>.
      if (dialog && !dialog.isConnected && returnTo.current) {
        const target = returnTo.current;
        returnTo.current = null;
        // After React has finished removing the dialog, so the page behind is no longer inert.
        setTimeout(() => restoreFocus(target), 0);
      }
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      {open ? (
        <div className="dialog-body">
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/**
 * Open/close state for a popover (a menu or a panel under a button): closes on Escape (focus goes
 * back to the button), on a click outside, and when focus leaves it by Tab.
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (container.current && !container.current.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // A dialog opened from the popover handles its own Escape.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    };
    const focusOut = (event: FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if (next && container.current && !container.current.contains(next)) setOpen(false);
    };
    const node = container.current;
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    node?.addEventListener('focusout', focusOut);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
      node?.removeEventListener('focusout', focusOut);
    };
  }, [open]);
  return {
    open,
    setOpen,
    container,
    button,
    /** Closes and puts focus back on the button (after choosing an item that is about to disappear). */
    close: () => {
      setOpen(false);
      button.current?.focus();
    },
  };
}

export interface MenuItem {
  label: string;
  explanation: string;
  onSelect: () => void;
  danger?: boolean;
}

/** A "More" menu: a disclosure button and a list of actions, each with what it does and who is told. */
export function MoreMenu({ label, items }: { label: string; items: MenuItem[] }) {
  const popover = usePopover();
  const menuId = useId();
  return (
    <div className="more" ref={popover.container}>
      <button
        type="button"
        ref={popover.button}
        className="button secondary"
        aria-expanded={popover.open}
        aria-controls={popover.open ? menuId : undefined}
        aria-label={label}
        onClick={() => popover.setOpen((v) => !v)}
      >
        More <span aria-hidden="true">▾</span>
      </button>
      {popover.open ? (
        <ul className="more-list" id={menuId}>
          {items.map((item) => (
            <li key={item.label}>
              <button
                type="button"
                className={`more-item${item.danger ? ' danger' : ''}`}
                onClick={() => {
                  // Focus goes back to "More" first, so a dialog opened by the item returns there.
                  popover.close();
                  item.onSelect();
                }}
              >
                <span className="more-item-label">{item.label}</span>
                <span className="more-item-explanation">{item.explanation}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function PageTitle({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  useEffect(() => {
    if (typeof children === 'string') document.title = `${children} · Rapport`;
  }, [children]);
  return (
    <header className="page-title">
      <h1>{children}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </header>
  );
}

export function DegreeBadge({ degree }: { degree: 1 | 2 | 3 | null }) {
  const text = degree === 1 ? '1st' : degree === 2 ? '2nd' : degree === 3 ? '3rd' : 'Out of network';
  return (
    <span className={`badge degree degree-${degree ?? 'none'}`} data-testid="degree-badge" title="Degree of connection">
      {text}
    </span>
  );
}

export interface TabItem {
  id: string;
  label: ReactNode;
}

/**
 * Tabs after the WAI-ARIA pattern: one tab stop, arrow keys (and Home/End) move between tabs and
 * select them; the panel follows the selected tab.
 */
export function Tabs({ label, tabs, selected, onSelect, children }: { label: string; tabs: TabItem[]; selected: string; onSelect: (id: string) => void; children: ReactNode }) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  function move(event: ReactKeyboardEvent, index: number) {
    const last = tabs.length - 1;
    const to = event.key === 'ArrowRight' ? (index === last ? 0 : index + 1) : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (to === null) return;
    event.preventDefault();
    onSelect(tabs[to]!.id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[to]?.focus();
  }
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label} ref={list}>
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="tab"
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${selected}`} className="tab-panel">
        {children}
      </div>
    </>
  );
}
