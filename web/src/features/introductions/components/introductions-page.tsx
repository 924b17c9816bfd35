import { useCallback, useEffect, useId, useState } from 'react';
import type { Introduction } from '../../../ui/api-types.js';
import { Avatar, Meter, Notice, PageTitle, Spinner, Tabs } from '../../../ui/components.js';
import { useAllowances } from '../../../ui/allowances.js';
import { formatDate, formatRenewal, plural } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link, navigate } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { connectThroughIntroduction, declineIntroduction, forwardIntroduction, listIntroductions, type IntroductionRole } from '../api/introductions.js';

const TABS: Array<{ role: IntroductionRole; label: string; empty: string }> = [
  { role: 'introducer', label: 'Asked of you', empty: 'Nobody has asked you for an introduction. When a connection does, you decide here whether to forward it.' },
  { role: 'target', label: 'Introduced to you', empty: 'No introductions to you yet. When a connection introduces someone, you can connect here in one step.' },
  { role: 'requester', label: 'You asked for', empty: 'You have not asked for an introduction. Open the profile of someone in your 2nd degree to ask a mutual connection.' },
];

const first = (name: string) => name.split(/\s+/)[0] ?? name;

export function IntroductionsPage({ tab }: { tab: string | null }) {
  const { account } = useSession();
  const { allowances } = useAllowances();
  const selected: IntroductionRole = tab === 'target' || tab === 'requester' ? tab : 'introducer';
  const [lists, setLists] = useState<Record<IntroductionRole, Introduction[]> | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const [introducer, target, requester] = await Promise.all(TABS.map((t) => listIntroductions(t.role)));
      setLists({ introducer: introducer!.items, target: target!.items, requester: requester!.items });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const allowance = allowances?.introductions ?? null;
  const waiting = (role: IntroductionRole) =>
    (lists?.[role] ?? []).filter((item) => (role === 'introducer' ? item.status === 'requested' : role === 'target' ? item.status === 'forwarded' : false)).length;

  function replace(updated: Introduction) {
    setLists((old) => (old ? { ...old, [updated.role]: old[updated.role].map((item) => (item.id === updated.id ? updated : item)) } : old));
  }

  const current = TABS.find((t) => t.role === selected)!;
  return (
    <>
      <PageTitle lead="A mutual connection can introduce you to someone you do not know yet. They decide whether to forward your request.">
        Introductions
      </PageTitle>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {allowance ? (
        <section className="panel" aria-label="Your introduction requests" data-testid="introduction-allowance">
          <Meter
            label="Introductions you asked for this month"
            used={allowance.used}
            limit={allowance.limit}
            hint={
              <span data-testid="introduction-remaining">
                {allowance.limit === 0
                  ? 'Your membership does not include introduction requests.'
                  : allowance.remaining === 0
                    ? `You have used all your introduction requests for this month. You can ask again from ${formatRenewal(allowance.renewsAt)}.`
                    : `${allowance.remaining} of ${plural(allowance.limit, 'introduction request')} left this month; they renew on ${formatRenewal(allowance.renewsAt)}.${account.member.tier === 'free' ? ' Premium members can ask for more.' : ''}`}
              </span>
            }
          />
        </section>
      ) : null}
      <Tabs
        label="Introductions"
        selected={selected}
        onSelect={(id) => navigate(`/introductions?tab=${id}`, { replace: true })}
        tabs={TABS.map((t) => {
          const count = waiting(t.role);
          return {
            id: t.role,
            label: (
              <>
                {t.label}
                {count > 0 ? <span className="tab-count"> {count}</span> : null}
              </>
            ),
          };
        })}
      >
        {!lists ? (
          message ? null : <Spinner />
        ) : lists[selected].length === 0 ? (
          <p className="empty">{current.empty}</p>
        ) : (
          <ul className="cards" data-testid="introductions">
            {lists[selected].map((item) => (
              <IntroductionCard key={item.id} item={item} onChanged={replace} onMessage={setMessage} />
            ))}
          </ul>
        )}
      </Tabs>
    </>
  );
}

function Person({ member }: { member: Introduction['requester'] }) {
  return (
    <span className="intro-person">
      <Avatar member={member} size={28} />
      <Link to={`/members/${member.id}`} className="member-name">
        {member.name}
      </Link>
    </span>
  );
}

/** The status badge, as the viewer's role sees it. */
function statusOf(item: Introduction): { label: string; className: string } {
  const { role, status } = item;
  if (status === 'connected') return { label: 'Connected', className: 'status-accepted' };
  if (status === 'declined') return { label: role === 'introducer' ? 'You declined' : 'Not forwarded', className: 'status-declined' };
  if (status === 'requested') return { label: role === 'introducer' ? 'Waiting for your answer' : `Waiting for ${first(item.introducer.name)}`, className: 'status-pending' };
  // forwarded
  if (role === 'target') return { label: 'Waiting for your answer', className: 'status-pending' };
  return { label: `Forwarded to ${first(item.target.name)}`, className: 'status-pending' };
}

export function IntroductionCard({
  item,
  onChanged,
  onMessage,
}: {
  item: Introduction;
  onChanged: (item: Introduction) => void;
  onMessage: (message: { kind: 'success' | 'error'; text: string }) => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const noteId = useId();

  async function act(run: () => Promise<{ introduction: Introduction }>, text: string) {
    setBusy(true);
    try {
      const answer = await run();
      onChanged(answer.introduction);
      onMessage({ kind: 'success', text });
    } catch (caught) {
      onMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  const { requester, introducer, target } = item;
  const status = statusOf(item);
  return (
    <li className="card introduction" data-testid="introduction">
      <div className="intro-head">
        <p className="intro-line">
          {item.role === 'introducer' ? (
            <>
              <Person member={requester} /> asks you to introduce them to <Person member={target} />
            </>
          ) : item.role === 'target' ? (
            <>
              <Person member={introducer} /> introduces you to <Person member={requester} />
            </>
          ) : (
            <>
              You asked <Person member={introducer} /> to introduce you to <Person member={target} />
            </>
          )}
        </p>
        <span className={`badge status ${status.className}`}>{status.label}</span>
      </div>
      <div className="meta">
        <span>Asked {formatDate(item.createdAt)}</span>
        {item.decidedAt ? (
          <span>
            {item.status === 'forwarded' ? 'Forwarded' : item.status === 'declined' ? 'Declined' : 'Connected'} {formatDate(item.decidedAt)}
          </span>
        ) : null}
      </div>
      {item.messageToIntroducer && item.role !== 'target' ? (
        <div className="intro-message">
          <div className="small muted">{item.role === 'introducer' ? `${first(requester.name)} to you` : `You to ${first(introducer.name)}`}</div>
          <blockquote className="note">{item.messageToIntroducer}</blockquote>
        </div>
      ) : null}
      <div className="intro-message">
        <div className="small muted">
          {item.role === 'target' ? `${first(requester.name)} to you` : item.role === 'introducer' ? `${first(requester.name)} to ${first(target.name)}` : `You to ${first(target.name)}`}
        </div>
        <blockquote className="note">{item.messageToTarget}</blockquote>
      </div>
      {item.introducerNote ? (
        <div className="intro-message">
          <div className="small muted">{item.role === 'introducer' ? 'Your note' : `${first(introducer.name)}’s note`}</div>
          <blockquote className="note">{item.introducerNote}</blockquote>
        </div>
      ) : null}
      {item.role === 'introducer' && item.status === 'requested' ? (
        <div className="stack">
          <div className="field">
            <label htmlFor={noteId}>Your note to {first(target.name)} (optional)</label>
            <textarea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} disabled={busy} placeholder={`Why ${first(requester.name)} and ${first(target.name)} should meet`} />
          </div>
          <div className="actions left">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void act(() => forwardIntroduction(item.id, note), `Forwarded. ${first(target.name)} can now connect with ${first(requester.name)} in one step.`)}
            >
              Forward
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void act(() => declineIntroduction(item.id), `Declined. ${first(target.name)} is not told; ${first(requester.name)} learns you did not forward it.`)}
            >
              Decline
            </button>
          </div>
        </div>
      ) : null}
      {item.role === 'target' && item.status === 'forwarded' ? (
        <div className="actions left">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void act(() => connectThroughIntroduction(item.id), `You and ${requester.name} are now connected.`)}
          >
            Connect with {first(requester.name)}
          </button>
        </div>
      ) : null}
    </li>
  );
}
