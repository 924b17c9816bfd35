import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { SentInvitation } from '../../../ui/api-types.js';
import { Avatar, DegreeBadge, LoadMore, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { formatRelative, formatDate, plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link, useLocation } from '../../../ui/router.js';
import { usePolicy } from '../../../ui/policy.js';
import { reinviteSentenceFromNow } from '../../../ui/reinvite.js';
import { useSession } from '../../../ui/session.js';
import { ConfirmDialog } from '../../invitations/components/confirm-dialog.js';
import { hideInvitation, listSent, resendInvitation, setAutoWithdraw, withdrawInvitation, withdrawOlderThan } from '../api/sent.js';
import { QuotaPanel } from './quota-panel.js';

const FINISHED = new Set(['withdrawn', 'expired', 'declined']);
const STATUS_TEXT: Record<string, string> = {
  pending: 'Waiting for an answer',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};
const AUTO_WITHDRAW_CHOICES = [null, 14, 30, 60, 90, 180];

export function SentPage() {
  const { account, refresh } = useSession();
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [showFinished, setShowFinished] = useState(true);
  const [olderThan, setOlderThan] = useState('30');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<{ title: string; body: string; confirmLabel: string; onConfirm: () => void } | null>(null);
  const policy = usePolicy();
  const reinviteFromNow = reinviteSentenceFromNow(policy);
  const ids = { older: useId(), auto: useId(), finished: useId(), search: useId() };
  const now = new Date();
  // The search lives in the URL (`/sent?q=`), so a found invitation can be linked, reloaded and gone back to.
  const urlQuery = useLocation().query.get('q') ?? '';
  const [query, setQuery] = useState(urlQuery);
  useEffect(() => setQuery(urlQuery), [urlQuery]);
  function changeQuery(value: string) {
    setQuery(value);
    window.history.replaceState(null, '', value.trim() ? `/sent?q=${encodeURIComponent(value.trim())}` : '/sent');
  }

  const list = usePagedList<SentInvitation>((caught) => setMessage({ kind: 'error', text: errorSentence(caught) }), { emptyOnError: true });
  const { items, first } = list;
  const load = useCallback(() => first(() => listSent(query)), [first, query]);

  useEffect(() => {
    const timer = setTimeout(() => void load(), query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [load, query]);

  async function run<T>(action: () => Promise<T>, success: string | ((result: T) => string)) {
    setBusy(true);
    setMessage(null);
    try {
      const result = await action();
      await Promise.all([load(), refresh()]);
      setMessage({ kind: 'success', text: typeof success === 'string' ? success : success(result) });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  function withdrawOld(event: FormEvent) {
    event.preventDefault();
    const days = Number(olderThan);
    if (!Number.isInteger(days) || days < 1) {
      setMessage({ kind: 'error', text: 'Enter a whole number of days, 1 or more.' });
      return;
    }
    setConfirming({
      title: `Withdraw invitations older than ${plural(days, 'day')}?`,
      body: `Every pending invitation you sent more than ${plural(days, 'day')} ago is withdrawn. The recipients are not told, and the invitations still count toward your limits.${reinviteFromNow}`,
      confirmLabel: 'Withdraw them',
      onConfirm: () =>
        void run(
          () => withdrawOlderThan(days),
          ({ withdrawn, reinviteAfter }) =>
            `Withdrew ${plural(withdrawn, 'invitation')} older than ${plural(days, 'day')}. The recipients are not told.${reinviteAfter ? ` You can invite them again from ${formatDate(reinviteAfter)}.` : ''}`,
        ),
    });
  }

  function withdrawOne(item: SentInvitation) {
    const name = item.recipient?.name ?? item.recipientEmail ?? 'The recipient';
    setConfirming({
      title: `Withdraw your invitation to ${name}?`,
      body: `${name} is not told. The invitation still counts toward your limits.${reinviteFromNow}`,
      confirmLabel: 'Withdraw',
      onConfirm: () =>
        void run(
          () => withdrawInvitation(item.id),
          ({ reinviteAfter }) => `Withdrawn. ${name} is not told. You can invite them again from ${formatDate(reinviteAfter)}.`,
        ),
    });
  }

  const visible = (items ?? []).filter((item) => showFinished || !FINISHED.has(item.status));

  return (
    <>
      <PageTitle lead="Invitations you sent and what you can still do about each. Withdrawing is silent, but still counts toward your limits.">Sent invitations</PageTitle>
      <QuotaPanel quota={account.quota} />
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}

      <section className="panel" aria-labelledby="tidy-title">
        <h2 id="tidy-title">Tidy up</h2>
        <div className="tidy">
          <form className="inline-form" onSubmit={withdrawOld}>
            <label htmlFor={ids.older}>Withdraw every pending invitation older than</label>
            <input id={ids.older} type="number" min={1} max={3650} value={olderThan} onChange={(e) => setOlderThan(e.target.value)} className="narrow" />
            <span>days</span>
            <button type="submit" className="button secondary" disabled={busy}>
              Withdraw
            </button>
          </form>
          <div className="inline-form">
            <label htmlFor={ids.auto}>Withdraw automatically after</label>
            <select
              id={ids.auto}
              value={account.settings.autoWithdrawAfterDays === null ? '' : String(account.settings.autoWithdrawAfterDays)}
              disabled={busy}
              onChange={(e) => {
                const value = e.target.value === '' ? null : Number(e.target.value);
                void run(() => setAutoWithdraw(value), value === null ? 'Automatic withdrawal is off.' : `Unanswered invitations will be withdrawn after ${value} days.`);
              }}
            >
              {[...new Set([...AUTO_WITHDRAW_CHOICES, account.settings.autoWithdrawAfterDays])].map((days) => (
                <option key={String(days)} value={days === null ? '' : String(days)}>
                  {days === null ? 'Never' : `${days} days`}
                </option>
              ))}
            </select>
          </div>
        </div>
      </section>

      <div className="list-head">
        <h2>Your invitations</h2>
        <div className="field inline grow sent-search">
          <label htmlFor={ids.search}>Find an invitation</label>
          <input
            id={ids.search}
            type="search"
            value={query}
            maxLength={100}
            onChange={(e) => changeQuery(e.target.value)}
            placeholder="Name or email address"
            data-testid="sent-search"
          />
        </div>
        <label className="check" htmlFor={ids.finished}>
          <input id={ids.finished} type="checkbox" checked={showFinished} onChange={(e) => setShowFinished(e.target.checked)} />
          Show finished ones
        </label>
      </div>
      {items === null ? (
        <Spinner />
      ) : visible.length === 0 ? (
        <p className="empty">
          {items.length === 0 && query.trim() ? (
            <>
              No invitation you sent matches “{query.trim()}”. Search by the person’s name, or the address you invited.
            </>
          ) : items.length === 0 ? (
            <>
              You have not sent any invitations yet. <Link to="/search">Find people you know</Link>.
            </>
          ) : (
            'Nothing pending. Turn on “Show finished ones” to see the rest.'
          )}
        </p>
      ) : (
        <ul className="cards" data-testid="sent-list">
          {visible.map((item) => {
            const who = item.recipient;
            const resendLater = item.resendAvailableAt !== null && new Date(item.resendAvailableAt) > now;
            return (
              <li key={item.id} className="card sent" data-testid="sent-invitation" data-status={item.status}>
                {who ? <Avatar member={who} size={48} /> : <span className="avatar avatar-email" aria-hidden="true">@</span>}
                <div className="sent-body">
                  <div className="invitation-head">
                    {who ? (
                      <span className="invitation-who">
                        <Link to={`/members/${who.id}`} className="member-name">
                          {who.name}
                        </Link>{' '}
                        <DegreeBadge degree={item.degree} />
                      </span>
                    ) : (
                      <span className="member-name">{item.recipientEmail}</span>
                    )}
                    <span className={`badge status status-${item.status}`}>{STATUS_TEXT[item.status] ?? item.status}</span>
                  </div>
                  <div className="meta">
                    <span>Sent {formatRelative(item.createdAt, now)}</span>
                    {item.viewedAt ? <span>Seen</span> : null}
                    {item.status === 'pending' && item.resendsLeft > 0 ? <span>{plural(item.resendsLeft, 'reminder')} left</span> : null}
                    {item.status === 'pending' && item.resendsLeft === 0 && item.remindersSent > 0 ? (
                      <span data-testid="reminders-used">{plural(item.remindersSent, 'reminder')} sent, the most you can send</span>
                    ) : null}
                  </div>
                  <div className="actions left">
                    {item.actions.includes('withdraw') ? (
                      <button
                        type="button"
                        className="button secondary small"
                        disabled={busy}
                        onClick={() => withdrawOne(item)}
                      >
                        Withdraw
                      </button>
                    ) : null}
                    {item.actions.includes('resend') ? (
                      <button
                        type="button"
                        className="button secondary small"
                        disabled={busy || resendLater}
                        onClick={() => void run(() => resendInvitation(item.id), 'Reminder sent.')}
                      >
                        Resend
                      </button>
                    ) : null}
                    {item.status === 'withdrawn' && item.reinviteAfter && new Date(item.reinviteAfter) > now ? (
                      <span className="muted small" data-testid="reinvite-after">
                        You can invite them again from {formatDate(item.reinviteAfter)}
                      </span>
                    ) : null}
                    {item.actions.includes('resend') && resendLater ? (
                      <span className="muted small">Resend from {formatDate(item.resendAvailableAt)}</span>
                    ) : null}
                    {FINISHED.has(item.status) ? (
                      <button type="button" className="button link small" disabled={busy} onClick={() => void run(() => hideInvitation(item.id), 'Removed from your list.')}>
                        Remove from list
                      </button>
                    ) : null}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {confirming ? <ConfirmDialog {...confirming} onClose={() => setConfirming(null)} /> : null}
      <LoadMore hasMore={list.nextCursor !== null} onMore={() => list.more((cursor) => listSent(query, cursor))} />
    </>
  );
}
