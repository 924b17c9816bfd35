import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { MemberSummary } from './api-types.js';
import { Link } from './router.js';

export function Avatar({ member, size = 48 }: { member: Pick<MemberSummary, 'initials' | 'name' | 'id'>; size?: number }) {
  // A stable hue per member, so the same person keeps the same colour everywhere.
  let hash = 2166136261;
  for (const char of member.id) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  const hue = hash % 360;
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.38, background: `hsl(${hue} 45% 36%)` }}
    >
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

/** A modal dialog on the native <dialog> element: focus trapping and Escape come from the browser. */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      {open ? (
        <div className="dialog-body">
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
              ×
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

export interface MenuItem {
  label: string;
  explanation: string;
  onSelect: () => void;
  danger?: boolean;
}

/** A "More" menu: a disclosure button and a list of actions, each with what it does and who is told. */
export function MoreMenu({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const menuId = useId();
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  return (
    <div className="more" ref={ref}>
      <button type="button" className="button secondary" aria-expanded={open} aria-controls={menuId} aria-label={label} onClick={() => setOpen((v) => !v)}>
        More ▾
      </button>
      {open ? (
        <ul className="more-list" id={menuId}>
          {items.map((item) => (
            <li key={item.label}>
              <button
                type="button"
                className={`more-item${item.danger ? ' danger' : ''}`}
                onClick={() => {
                  setOpen(false);
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
