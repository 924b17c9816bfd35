import { useId, useState, type FormEvent } from 'react';
import { Avatar, Notice, PageTitle } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { navigate, nextPath } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { addEducation, addPosition, updateProfile } from '../api/profile.js';
import { PhotoField } from './photo-field.js';

/**
 * The first-run step after sign-up: headline, current position and school. Every part is
 * optional and the whole step can be skipped; what is filled in goes through PATCH /me,
 * POST /me/positions and POST /me/education. Done or skipped, it goes on to `?next=` (an invite
 * link's result sends new members here and on to the person they connected with), else home.
 */
export function CompleteProfilePage() {
  const { account, refresh } = useSession();
  const { member } = account;
  const [headline, setHeadline] = useState(member.headline);
  const [title, setTitle] = useState('');
  const [company, setCompany] = useState('');
  const [school, setSchool] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const after = nextPath() ?? '/';
  const ids = { headline: useId(), headlineHelp: useId(), title: useId(), company: useId(), school: useId(), why: useId() };

  const hasPosition = member.positions.length > 0 || (title.trim() !== '' && company.trim() !== '');
  const hasSchool = member.education.length > 0 || school.trim() !== '';
  const steps = [
    { label: 'Photo', done: member.photoUrl !== null },
    { label: 'Headline', done: headline.trim() !== '' },
    { label: 'Current position', done: hasPosition },
    { label: 'School', done: hasSchool },
  ];
  const done = steps.filter((step) => step.done).length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const t = title.trim();
    const c = company.trim();
    if ((t === '') !== (c === '')) {
      setError(t === '' ? `Enter your title at ${c}, or leave both position fields empty.` : `Enter the company where you work as ${t}, or leave both position fields empty.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (headline.trim() !== member.headline) await updateProfile({ headline: headline.trim() });
      if (t && c) await addPosition({ title: t, company: c });
      if (school.trim()) await addEducation({ school: school.trim() });
      await refresh();
      navigate(after, { replace: true });
    } catch (caught) {
      setError(errorSentence(caught));
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle lead={`Welcome to Rapport, ${member.name.split(/\s+/)[0] ?? member.name}. One short step before your network.`}>Complete your profile</PageTitle>
      <div className="welcome-grid">
        <section className="panel" aria-labelledby={ids.why}>
          <div className="welcome-who">
            <Avatar member={member} size={72} />
            <div>
              <h2 id={ids.why}>Why it matters</h2>
              <p>
                People accept invitations from someone they can place. <strong>A complete profile gets accepted more often</strong>: your photo,
                headline, where you work and where you studied are what they look at first.
              </p>
            </div>
          </div>
          <PhotoField member={member} onSaved={() => void refresh()} showAvatar={false} />
          <ul className="checklist" aria-label={`Profile: ${done} of ${steps.length} done`}>
            {steps.map((step) => (
              <li key={step.label} className={step.done ? 'done' : ''}>
                <span aria-hidden="true">{step.done ? '✓' : '○'}</span> {step.label}
                <span className="visually-hidden">{step.done ? ': done' : ': not yet'}</span>
              </li>
            ))}
          </ul>
        </section>
        <form className="panel stack" onSubmit={submit} aria-label="Your profile">
          <div className="field">
            <label htmlFor={ids.headline}>Headline</label>
            <input
              id={ids.headline}
              value={headline}
              maxLength={220}
              placeholder="e.g. Product designer at Northwind"
              aria-describedby={ids.headlineHelp}
              onChange={(e) => setHeadline(e.target.value)}
            />
            <p className="hint" id={ids.headlineHelp}>
              One line under your name: what you do, or what you are looking for.
            </p>
          </div>
          <fieldset className="fieldset">
            <legend>Current position</legend>
            <div className="two">
              <div className="field">
                <label htmlFor={ids.title}>Title</label>
                <input id={ids.title} value={title} maxLength={120} autoComplete="organization-title" onChange={(e) => setTitle(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={ids.company}>Company</label>
                <input id={ids.company} value={company} maxLength={120} autoComplete="organization" onChange={(e) => setCompany(e.target.value)} />
              </div>
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={ids.school}>School</label>
            <input id={ids.school} value={school} maxLength={160} placeholder="University, college or school" onChange={(e) => setSchool(e.target.value)} />
          </div>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <div className="actions">
            <button type="button" className="button secondary" disabled={busy} onClick={() => navigate(after, { replace: true })}>
              Skip for now
            </button>
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Saving…' : 'Save and continue'}
            </button>
          </div>
          <p className="hint">You can change all of this later on your profile page.</p>
        </form>
      </div>
    </>
  );
}
