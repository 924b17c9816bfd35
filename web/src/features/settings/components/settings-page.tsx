import { useEffect, useId, useState } from 'react';
import type { MemberSummary, Settings } from '../../../ui/api-types.js';
import { Avatar, ChoiceField, Notice, PageTitle } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { usePolicy } from '../../../ui/policy.js';
import { useSession } from '../../../ui/session.js';
import { whoMayInviteChoices } from './who-may-invite.js';
import { YourDataPanel } from './your-data-panel.js';
import { CloseAccountPanel } from './close-account-panel.js';
import { listBlocks, loadFollowPrimary, saveFollowPrimary, unblockMember, updateSettings } from '../api/settings.js';


const AUTO_WITHDRAW = [null, 14, 30, 60, 90, 180];

type MailCategory = keyof Settings['emailCategories'];

const MAIL_CATEGORIES: Array<{ key: MailCategory; label: string; short: string; help: string }> = [
  { key: 'invitations', label: 'Invitations you receive', short: 'new invitations', help: 'When someone invites you to connect, with a link to accept.' },
  { key: 'reminders', label: 'Reminders', short: 'invitations waiting for you', help: 'About invitations still waiting for your answer.' },
  { key: 'updates', label: 'Updates on your invitations', short: 'answers and messages', help: 'When someone accepts or declines your invitation, or writes to you about one.' },
  { key: 'standing', label: 'Your account standing', short: 'your account standing', help: 'When your account is restricted, and when the restriction is lifted.' },
];

const DIGEST: Array<{ value: Settings['digest']; label: string; help: string; saved: string }> = [
  { value: 'off', label: 'As it happens', help: 'One mail for each thing, at most a few a day.', saved: 'Mail will come as things happen.' },
  {
    value: 'weekly',
    label: 'A weekly digest',
    help: 'Everything in one mail a week. Mail about your account standing still comes right away.',
    saved: 'You will get one digest mail a week.',
  },
];

export function SettingsPage() {
  const { account, refresh } = useSession();
  // Shown at once, saved in the background; a refusal puts back what the server has.
  const [settings, setSettings] = useState<Settings>(account.settings);
  useEffect(() => setSettings(account.settings), [account.settings]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [blocks, setBlocks] = useState<MemberSummary[] | null>(null);
  const ids = { auto: useId(), mail: useId(), mailHelp: useId(), who: useId(), digest: useId() };
  const [followPrimary, setFollowPrimary] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    loadFollowPrimary()
      .then((answer) => live && setFollowPrimary(answer.enabled))
      .catch(() => undefined); // the switch stays hidden
    return () => {
      live = false;
    };
  }, []);

  async function changeFollowPrimary(enabled: boolean) {
    setMessage(null);
    setFollowPrimary(enabled);
    try {
      const answer = await saveFollowPrimary(enabled);
      setFollowPrimary(answer.enabled);
      setMessage({
        kind: 'success',
        text: answer.enabled ? 'Others now see Follow as the main button on your profile; they can still connect.' : 'Others now see Connect as the main button on your profile.',
      });
    } catch (caught) {
      setFollowPrimary(!enabled);
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }
  // The server says whether its dev mailbox is on (GET /policy); a guess from /dev/mail could be fooled.
  const policy = usePolicy();
  const mailbox = policy?.devMailbox === true;

  useEffect(() => {
    listBlocks()
      .then((answer) => setBlocks(answer.items))
      .catch(() => setBlocks([]));
  }, []);

  async function save(input: Partial<Settings>, text: string) {
    setMessage(null);
    setSettings((old) => ({ ...old, ...input }));
    try {
      const answer = await updateSettings(input);
      setSettings(answer.settings);
      setMessage({ kind: 'success', text });
      void refresh();
    } catch (caught) {
      setSettings(account.settings);
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
          {whoMayInviteChoices(policy?.raw ?? null).map((choice) => (
            <label key={choice.value} className="radio">
              <input
                type="radio"
                name={ids.who}
                value={choice.value}
                checked={settings.invitationsFrom === choice.value}
                onChange={() => void save({ invitationsFrom: choice.value }, 'Saved: who may send you invitations.')}
              />
              <span>
                <span className="radio-label" data-testid={`who-${choice.value}`}>
                  {choice.label}
                </span>
                <span className="hint">{choice.help}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </section>
      <section className="panel" aria-labelledby="profile-button-settings">
        <h2 id="profile-button-settings">Your profile and invite link</h2>
        {followPrimary !== null ? (
          <ChoiceField
            label="Show Follow as the main button on my profile"
            hint="For people with a wide audience: visitors follow you first and can still ask to connect."
            checked={followPrimary}
            onChange={(e) => void changeFollowPrimary(e.target.checked)}
          />
        ) : null}
        <p>
          <Link to="/invite-link">Your invite link</Link>{' '}
          <span className="muted small">— a personal link anyone can use to ask to connect, with its settings.</span>
        </p>
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
      <section className="panel" aria-labelledby="mail-settings" data-testid="mail-settings">
        <h2 id="mail-settings">Email</h2>
        <label className="check" htmlFor={ids.mail}>
          <input
            id={ids.mail}
            type="checkbox"
            checked={settings.emailNotifications}
            aria-describedby={ids.mailHelp}
            onChange={(e) =>
              void save({ emailNotifications: e.target.checked }, e.target.checked ? 'Rapport will email you about what you chose below.' : 'Rapport will not email you.')
            }
          />
          Email me from Rapport
        </label>
        <p className="hint indent" id={ids.mailHelp}>
          When this is off, no mail is sent at all. Everything still shows up under the bell.
        </p>
        <fieldset className="checks" disabled={!settings.emailNotifications}>
          <legend>What to email me about</legend>
          {MAIL_CATEGORIES.map((category) => (
            <ChoiceField
              key={category.key}
              label={category.label}
              hint={category.help}
              checked={settings.emailCategories[category.key]}
              onChange={(e) =>
                void save(
                  { emailCategories: { ...settings.emailCategories, [category.key]: e.target.checked } },
                  `${e.target.checked ? 'You will get' : 'You will no longer get'} mail about ${category.short}.`,
                )
              }
            />
          ))}
        </fieldset>
        <fieldset className="checks" disabled={!settings.emailNotifications}>
          <legend>How often</legend>
          {DIGEST.map((choice) => (
            <ChoiceField
              key={choice.value}
              type="radio"
              name={ids.digest}
              value={choice.value}
              label={choice.label}
              hint={choice.help}
              checked={settings.digest === choice.value}
              onChange={() => void save({ digest: choice.value }, choice.saved)}
            />
          ))}
        </fieldset>
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
      <CloseAccountPanel />
      <YourDataPanel />
      {mailbox ? (
        <footer className="page-footer">
          <a href="/dev/mail" data-testid="dev-mailbox-link">
            Dev mailbox
          </a>
          <span className="muted small"> · This server has its dev mailbox switched on: every mail it sends can be read there.</span>
        </footer>
      ) : null}
    </>
  );
}
