import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Contact, ContactInviteResult, Problem } from '../../../ui/api-types.js';
import { Avatar, DegreeBadge, Dialog, LoadMore, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { countGraphemes, plural } from '../../../ui/format.js';
import { usePagedList } from '../../../ui/paged-list.js';
import { usePolicy } from '../../../ui/policy.js';
import { errorSentence, problemSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import {
  CONNECTIONS_EXPORT_URL,
  CONTACTS_EXPORT_URL,
  deleteAllContacts,
  deleteContact,
  inviteContacts,
  listContacts,
  type InviteContactsAnswer,
} from '../api/contacts.js';
import { ImportPanel } from './import-panel.js';

const BATCH = 100; // POST /contacts/invite takes at most 100 contacts at a time

/** What happened to one contact, in words; `tone` colours the badge. */
function outcomeText(result: ContactInviteResult): { text: string; tone: 'ok' | 'refused' | 'skipped' } {
  if (result.outcome === 'sent') return { text: 'Invitation sent', tone: 'ok' };
  if (result.outcome === 'connected') return { text: 'They had invited you: now connected', tone: 'ok' };
  // A challenge or a quota stops the batch: the contact that met it and every one after it.
  if (result.code === 'captcha_required') return { text: 'Not sent: you have sent many invitations today. Send the rest tomorrow.', tone: 'skipped' };
  if (result.outcome === 'not_attempted' || result.code === 'quota_exceeded') return { text: `Not sent: ${sentenceFor(result.code, result.detail)}`, tone: 'skipped' };
  return { text: sentenceFor(result.code, result.detail), tone: 'refused' };
}

function sentenceFor(code: string | undefined, detail: string | undefined): string {
  const problem: Problem = { type: 'about:blank', title: '', status: 0, code: code ?? 'internal_error', detail: detail ?? '' };
  if (code === 'not_eligible') return 'This person is outside your network and cannot be invited by address.';
  if (code === 'recipient_not_accepting') return 'This member only accepts invitations from people in their own contacts.';
  return problemSentence(problem);
}

function summaryText(summary: InviteContactsAnswer['summary']): string {
  const parts = [
    summary.sent ? `${plural(summary.sent, 'invitation')} sent` : null,
    summary.connected ? `${plural(summary.connected, 'new connection')} (they had invited you)` : null,
    summary.refused ? `${plural(summary.refused, 'contact')} could not be invited` : null,
    summary.notAttempted ? `${plural(summary.notAttempted, 'contact')} not tried` : null,
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')}.` : 'Nothing was sent.';
}

/** Whether a contact can be picked, or the reason it cannot. */
function inviteState(contact: Contact): { pickable: true } | { pickable: false; label: string } {
  if (contact.member?.degree === 1) return { pickable: false, label: 'Connected' };
  if (contact.invitationPending) return { pickable: false, label: 'Invitation pending' };
  return { pickable: true };
}

export function ContactsPage() {
  const { refresh } = useSession();
  const policy = usePolicy();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [note, setNote] = useState('');
  const [results, setResults] = useState<Map<string, ContactInviteResult>>(new Map());
  const [message, setMessage] = useState<{ kind: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);
  const ids = { search: useId(), note: useId(), counter: useId(), noteHelp: useId() };
  const noteMax = policy?.noteMaxLength ?? 300;
  const noteLength = countGraphemes(note);

  const list = usePagedList<Contact>((caught) => setMessage({ kind: 'error', text: errorSentence(caught) }), { emptyOnError: true });
  const { items, setItems, nextCursor, setNextCursor, first } = list;
  const load = useCallback((q: string) => first(() => listContacts(q)), [first]);

  useEffect(() => {
    const timer = setTimeout(() => void load(query), query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query, load]);

  function toggle(id: string, on: boolean) {
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    const chosen = [...selected];
    if (chosen.length === 0 || noteLength > noteMax) return;
    setBusy(true);
    setMessage(null);
    const total = { sent: 0, connected: 0, refused: 0, notAttempted: 0 };
    const found = new Map(results);
    try {
      for (let start = 0; start < chosen.length; start += BATCH) {
        const answer = await inviteContacts(chosen.slice(start, start + BATCH), note);
        for (const result of answer.results) found.set(result.contactId, result);
        total.sent += answer.summary.sent;
        total.connected += answer.summary.connected;
        total.refused += answer.summary.refused;
        total.notAttempted += answer.summary.notAttempted;
        // A quota or captcha stop ends the whole run: the next batch would stop the same way.
        if (answer.summary.notAttempted > 0) {
          const rest = chosen.slice(start + BATCH);
          total.notAttempted += rest.length;
          const stop = answer.results.find((r) => r.outcome === 'not_attempted');
          for (const id of rest) found.set(id, { contactId: id, outcome: 'not_attempted', ...(stop?.code ? { code: stop.code } : {}) });
          break;
        }
      }
      setResults(found);
      setSelected(new Set());
      setNote('');
      const tone = total.refused || total.notAttempted ? (total.sent || total.connected ? 'warning' : 'error') : 'success';
      setMessage({ kind: tone, text: summaryText(total) });
      void refresh();
      void load(query);
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  async function remove(contact: Contact) {
    try {
      await deleteContact(contact.id);
      setItems((old) => (old ?? []).filter((item) => item.id !== contact.id));
      toggle(contact.id, false);
      setMessage({ kind: 'success', text: `${contact.name || contact.email} was removed from your contacts.` });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  async function removeAll() {
    setConfirmAll(false);
    try {
      const { deleted } = await deleteAllContacts();
      setItems([]);
      setNextCursor(null);
      setSelected(new Set());
      setResults(new Map());
      setMessage({ kind: 'success', text: `${plural(deleted, 'contact')} deleted. Invitations you already sent stay as they are.` });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  const members = (items ?? []).filter((item) => item.member !== null);
  const others = (items ?? []).filter((item) => item.member === null);

  return (
    <>
      <PageTitle
        lead={
          <>
            Import your address book to find people you know on Rapport and invite the others. You choose whom to invite; nothing is sent
            without you. Prefer a link? <Link to="/invite-link">Share your invite link</Link>.
          </>
        }
      >
        Contacts
      </PageTitle>
      <ImportPanel onImported={() => void load(query)} />
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}

      <div className="toolbar">
        <div className="field inline grow">
          <label htmlFor={ids.search}>Search your contacts</label>
          <input id={ids.search} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name or email" />
        </div>
      </div>

      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p className="empty" data-testid="contacts-empty">
          {query ? `No contact matches “${query}”.` : 'No contacts yet. Import a file above to see who is already here.'}
        </p>
      ) : (
        <form onSubmit={send} aria-label="Invite contacts">
          <ContactSection
            id="members-title"
            title="Already on Rapport"
            hint="Invite them to connect: they see your name, headline and note."
            contacts={members}
            selected={selected}
            results={results}
            onToggle={toggle}
            onRemove={(c) => void remove(c)}
            testId="member-contacts"
          />
          <ContactSection
            id="others-title"
            title="Not on Rapport yet"
            hint="They get one email inviting them to join and connect with you."
            contacts={others}
            selected={selected}
            results={results}
            onToggle={toggle}
            onRemove={(c) => void remove(c)}
            testId="other-contacts"
          />
          {nextCursor ? (
            <p>
              <LoadMore hasMore onMore={() => list.more((cursor) => listContacts(query, cursor))} label="Show more contacts" />
            </p>
          ) : null}
          <section className="panel invite-bar" aria-labelledby="send-title">
            <h2 id="send-title">Invite the people you picked</h2>
            <p className="muted" data-testid="selected-count" aria-live="polite">
              {selected.size === 0 ? 'Nobody picked yet. Tick the people you want to invite.' : `${plural(selected.size, 'person', 'people')} picked.`}
            </p>
            <div className="field">
              <label htmlFor={ids.note}>One note for everyone (optional)</label>
              <textarea
                id={ids.note}
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-describedby={`${ids.counter} ${ids.noteHelp}`}
                aria-invalid={noteLength > noteMax}
                placeholder={policy?.defaultInvitationMessage}
                disabled={busy}
              />
              <div className={`counter${noteLength > noteMax ? ' over' : ''}`} id={ids.counter} aria-live="polite">
                {noteLength} / {noteMax} characters
              </div>
              <p className="hint" id={ids.noteHelp}>
                Each invitation counts toward your limits, as when you invite one person.
              </p>
            </div>
            <div className="actions left">
              <button type="submit" className="button" disabled={busy || selected.size === 0 || noteLength > noteMax}>
                {busy ? 'Sending…' : selected.size === 0 ? 'Send invitations' : `Send ${plural(selected.size, 'invitation')}`}
              </button>
            </div>
          </section>
        </form>
      )}

      <section className="panel" aria-labelledby="export-title">
        <h2 id="export-title">Export and clean up</h2>
        <ul className="plain">
          <li>
            <a href={CONNECTIONS_EXPORT_URL} download data-testid="export-connections">
              Download your connections (CSV)
            </a>{' '}
            <span className="muted small">Names, headlines and profile links; never their email addresses.</span>
          </li>
          <li>
            <a href={CONTACTS_EXPORT_URL} download data-testid="export-contacts">
              Download your imported contacts (CSV)
            </a>
          </li>
        </ul>
        <div className="actions left">
          <button type="button" className="button secondary danger-text" onClick={() => setConfirmAll(true)} disabled={items !== null && items.length === 0 && !query}>
            Delete all contacts
          </button>
        </div>
      </section>

      {confirmAll ? (
        <Dialog title="Delete all your contacts?" open onClose={() => setConfirmAll(false)}>
          <p>Every contact you imported is removed from Rapport. Invitations you already sent stay as they are. You can import a file again later.</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setConfirmAll(false)}>
              Cancel
            </button>
            <button type="button" className="button danger" onClick={() => void removeAll()}>
              Delete all contacts
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

function ContactSection({
  id,
  title,
  hint,
  contacts,
  selected,
  results,
  onToggle,
  onRemove,
  testId,
}: {
  id: string;
  title: string;
  hint: string;
  contacts: Contact[];
  selected: Set<string>;
  results: Map<string, ContactInviteResult>;
  onToggle: (id: string, on: boolean) => void;
  onRemove: (contact: Contact) => void;
  testId: string;
}) {
  const pickable = contacts.filter((c) => inviteState(c).pickable && !results.has(c.id));
  const allPicked = pickable.length > 0 && pickable.every((c) => selected.has(c.id));
  return (
    <section aria-labelledby={id} className="contact-section">
      <div className="list-head">
        <h2 id={id}>
          {title} <span className="muted count">({contacts.length})</span>
        </h2>
        {pickable.length > 1 ? (
          <button type="button" className="button link small" onClick={() => pickable.forEach((c) => onToggle(c.id, !allPicked))}>
            {allPicked ? 'Unpick all' : `Pick all ${pickable.length}`}
            <span className="visually-hidden"> in “{title}”</span>
          </button>
        ) : null}
      </div>
      <p className="hint section-hint">{hint}</p>
      {contacts.length === 0 ? (
        <p className="muted">Nobody here{title === 'Already on Rapport' ? ' yet' : ''}.</p>
      ) : (
        <ul className="cards" data-testid={testId}>
          {contacts.map((contact) => (
            <ContactRow
              key={contact.id}
              contact={contact}
              checked={selected.has(contact.id)}
              result={results.get(contact.id)}
              onToggle={onToggle}
              onRemove={onRemove}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ContactRow({
  contact,
  checked,
  result,
  onToggle,
  onRemove,
}: {
  contact: Contact;
  checked: boolean;
  result: ContactInviteResult | undefined;
  onToggle: (id: string, on: boolean) => void;
  onRemove: (contact: Contact) => void;
}) {
  const checkId = useId();
  const state = inviteState(contact);
  const outcome = result ? outcomeText(result) : null;
  const { member } = contact;
  const name = member?.name ?? (contact.name || contact.email);
  return (
    <li className="card contact" data-testid="contact">
      <div className="contact-pick">
        {state.pickable && !result ? (
          <input id={checkId} type="checkbox" checked={checked} onChange={(e) => onToggle(contact.id, e.target.checked)} />
        ) : null}
      </div>
      {member ? <Avatar member={member} size={44} /> : <span className="avatar avatar-email contact-avatar" aria-hidden="true">@</span>}
      <div className="contact-body">
        <div className="contact-name">
          {state.pickable && !result ? (
            <label htmlFor={checkId} className="member-name">
              {name}
            </label>
          ) : (
            <span className="member-name">{name}</span>
          )}{' '}
          {member ? <DegreeBadge degree={member.degree} /> : null}
        </div>
        {member?.headline ? <div className="muted small">{member.headline}</div> : null}
        <div className="meta">
          <span className="contact-email">{contact.email}</span>
          {member ? <span>{plural(member.mutualConnections, 'mutual connection')}</span> : null}
          {member ? (
            <Link to={`/members/${member.id}`}>
              View profile<span className="visually-hidden"> of {member.name}</span>
            </Link>
          ) : null}
        </div>
        {outcome ? (
          <p className={`outcome outcome-${outcome.tone}`} data-testid="invite-outcome">
            {outcome.text}
          </p>
        ) : !state.pickable ? (
          <span className={`badge status ${state.label === 'Connected' ? 'status-accepted' : 'status-pending'}`} data-testid="contact-state">
            {state.label}
          </span>
        ) : null}
      </div>
      <button type="button" className="button link small contact-remove" onClick={() => onRemove(contact)}>
        Remove<span className="visually-hidden"> {name} from your contacts</span>
      </button>
    </li>
  );
}
