import { useId, useState, type FormEvent } from 'react';
import type { MemberProfile } from '../../../ui/api-types.js';
import { Notice } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { ManagerField } from './manager-field.js';
import { PhotoField } from './photo-field.js';
import { addEducation, addPosition, replaceSkills, updateProfile } from '../api/profile.js';

/** Your own profile: the parts other members see, and what they have in common with you. */
export function EditProfile({ member, onSaved }: { member: MemberProfile; onSaved: () => void }) {
  const [name, setName] = useState(member.name);
  const [headline, setHeadline] = useState(member.headline);
  const [location, setLocation] = useState(member.location);
  const [company, setCompany] = useState('');
  const [title, setTitle] = useState('');
  const [school, setSchool] = useState('');
  const [degree, setDegree] = useState('');
  const [skills, setSkills] = useState(member.skills.join(', '));
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const id = { name: useId(), headline: useId(), location: useId(), company: useId(), title: useId(), school: useId(), degree: useId(), skills: useId() };

  async function save(event: FormEvent, action: () => Promise<unknown>, done: string, reset?: () => void) {
    event.preventDefault();
    setMessage(null);
    try {
      await action();
      reset?.();
      setMessage({ kind: 'success', text: done });
      onSaved();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  return (
    <section className="panel" aria-labelledby="edit-title">
      <h2 id="edit-title">Edit your profile</h2>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <form className="stack" onSubmit={(e) => void save(e, () => updateProfile({ name, headline, location }), 'Profile saved.')}>
        <div className="field">
          <label htmlFor={id.name}>Name</label>
          <input id={id.name} value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={id.headline}>Headline</label>
          <input id={id.headline} value={headline} onChange={(e) => setHeadline(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id.location}>Location</label>
          <input id={id.location} value={location} onChange={(e) => setLocation(e.target.value)} />
        </div>
        <div className="actions left">
          <button type="submit" className="button">
            Save
          </button>
        </div>
      </form>
      <ManagerField managerId={member.managerId} onSaved={onSaved} />
      <PhotoField member={member} onSaved={onSaved} />
      <form
        className="stack"
        onSubmit={(e) =>
          void save(e, () => addPosition({ company, title }), 'Position added.', () => {
            setCompany('');
            setTitle('');
          })
        }
      >
        <h3>Add a position</h3>
        <div className="two">
          <div className="field">
            <label htmlFor={id.title}>Title</label>
            <input id={id.title} value={title} onChange={(e) => setTitle(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor={id.company}>Company</label>
            <input id={id.company} value={company} onChange={(e) => setCompany(e.target.value)} required />
          </div>
        </div>
        <div className="actions left">
          <button type="submit" className="button secondary">
            Add position
          </button>
        </div>
      </form>
      <form
        className="stack"
        onSubmit={(e) =>
          void save(e, () => addEducation({ school, ...(degree ? { degree } : {}) }), 'School added.', () => {
            setSchool('');
            setDegree('');
          })
        }
      >
        <h3>Add a school</h3>
        <div className="two">
          <div className="field">
            <label htmlFor={id.school}>School</label>
            <input id={id.school} value={school} onChange={(e) => setSchool(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor={id.degree}>Degree (optional)</label>
            <input id={id.degree} value={degree} onChange={(e) => setDegree(e.target.value)} />
          </div>
        </div>
        <div className="actions left">
          <button type="submit" className="button secondary">
            Add school
          </button>
        </div>
      </form>
      <form
        className="stack"
        onSubmit={(e) =>
          void save(
            e,
            () =>
              replaceSkills(
                skills
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              ),
            'Skills saved.',
          )
        }
      >
        <div className="field">
          <label htmlFor={id.skills}>Skills, separated by commas</label>
          <input id={id.skills} value={skills} onChange={(e) => setSkills(e.target.value)} />
        </div>
        <div className="actions left">
          <button type="submit" className="button secondary">
            Save skills
          </button>
        </div>
      </form>
    </section>
  );
}
