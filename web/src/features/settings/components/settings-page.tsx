import { useEffect, useId, useState } from 'react';
import type { MemberSummary, Settings } from '../../../ui/api-types.js';
import { Avatar, Notice, PageTitle } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { useSession } from '../../../ui/session.js';
import { listBlocks, unblockMember, updateSettings } from '../api/settings.js';

const WHO_MAY_INVITE: Array<{ value: Settings['invitationsFrom']; label: string; help: string }> = [
  { value: 'everyone', label: 'Anyone on Rapport', help: 'Members within your network, and anyone else who knows your email address.' },
  { value: 'email_or_contacts', label: 'Only people who know my email address, or are in my contacts', help: 'Others are asked for your email address before they can send.' },
  { value: 'contacts_only', label: 'Only people in my contacts', help: 'Nobody else can send you an invitation.' },
];

const AUTO_WITHDRAW = [null, 14, 30, 60, 90, 180];

export function SettingsPage() {
  const { account, refresh } = useSession();
  const { settings } = account;
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [blocks, setBlocks] = useState<MemberSummary[] | null>(null);
  const ids = { auto: useId(), mail: useId(), who: useId() };

  useEffect(() => {
    listBlocks()
      .then((answer) => setBlocks(answer.items))
      .catch(() => setBlocks([]));
  }, []);

  async function save(input: Partial<Settings>, text: string) {
    setMessage(null);
    try {
      await updateSettings(input);
      await refresh();
      setMessage({ kind: 'success', text });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  async function unblock(member: MemberSummary) {
    try {
      await unblockMember(member.id);
      setBlocks((old) => (old ?? []).filter((m) => m.id !== member.id));
      setMessage({ kind: 'success', text: `${member.name} is unblocked. You can see each other again; they are not told.` });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  return (
    <>
      <PageTitle>Settings</PageTitle>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <section className="panel">
        <fieldset className="radios">
          <legend>
            <h2>Who may send you invitations</h2>
          </legend>
          {WHO_MAY_INVITE.map((choice) => (
            <label key={choice.value} className="radio">
              <input
                type="radio"
                name={ids.who}
                value={choice.value}
                checked={settings.invitationsFrom === choice.value}
                onChange={() => void save({ invitationsFrom: choice.value }, 'Saved: who may send you invitations.')}
              />
              <span>
                <span className="radio-label">{choice.label}</span>
                <span className="hint">{choice.help}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </section>
      <section className="panel" aria-labelledby="sent-settings">
        <h2 id="sent-settings">Invitations you send</h2>
        <div className="field">
          <label htmlFor={ids.auto}>Withdraw unanswered invitations automatically after</label>
          <select
            id={ids.auto}
            value={settings.autoWithdrawAfterDays === null ? '' : String(settings.autoWithdrawAfterDays)}
            onChange={(e) => {
              const value = e.target.value === '' ? null : Number(e.target.value);
              void save({ autoWithdrawAfterDays: value }, value === null ? 'Automatic withdrawal is off.' : `Unanswered invitations will be withdrawn after ${value} days.`);
            }}
          >
            {[...new Set([...AUTO_WITHDRAW, settings.autoWithdrawAfterDays])].map((days) => (
              <option key={String(days)} value={days === null ? '' : String(days)}>
                {days === null ? 'Never' : `${days} days`}
              </option>
            ))}
          </select>
          <p className="hint">The recipient is not told. Withdrawn invitations still count toward your limits.</p>
        </div>
      </section>
      <section className="panel" aria-labelledby="mail-settings">
        <h2 id="mail-settings">Email</h2>
        <label className="check">
          <input
            id={ids.mail}
            type="checkbox"
            checked={settings.emailNotifications}
            onChange={(e) => void save({ emailNotifications: e.target.checked }, e.target.checked ? 'You will get email about invitations.' : 'Email notifications are off.')}
          />
          Email me about new invitations, reminders and accepted invitations
        </label>
      </section>
      <section className="panel" aria-labelledby="blocked-title">
        <h2 id="blocked-title">Blocked members</h2>
        <p className="hint">A blocked member cannot see you, find you or invite you, and is not told.</p>
        {blocks === null ? null : blocks.length === 0 ? (
          <p className="muted">You have not blocked anyone.</p>
        ) : (
          <ul className="plain people" data-testid="blocked-list">
            {blocks.map((member) => (
              <li key={member.id} className="row">
                <span className="member-line">
                  <Avatar member={member} size={40} />
                  <span>{member.name}</span>
                </span>
                <button type="button" className="button secondary small" onClick={() => void unblock(member)}>
                  Unblock {member.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
