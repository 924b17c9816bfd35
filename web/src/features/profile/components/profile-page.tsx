import { useCallback, useEffect, useState } from 'react';
import type { MemberProfile, MemberSummary, Relationship } from '../../../ui/api-types.js';
import { Avatar, DegreeBadge, MemberLine, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { ConnectDialog } from '../../../ui/connect/connect-dialog.js';
import { plural } from '../../../ui/format.js';
import { canInviteSentence, errorSentence } from '../../../ui/problem-text.js';
import { Link, navigate } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { acceptInvitation, blockMember, listMutualConnections, loadMember } from '../api/profile.js';
import { EditProfile } from './edit-profile.js';

const EMAIL_FIXABLE = new Set(['not_eligible', 'email_required']);

function years(start: number | null, end: number | null): string {
  if (start === null && end === null) return '';
  return `${start ?? '?'} – ${end ?? 'now'}`;
}

export function ProfilePage({ memberId }: { memberId: string }) {
  const { account, refresh } = useSession();
  const [data, setData] = useState<{ member: MemberProfile; relationship: Relationship } | null>(null);
  const [mutuals, setMutuals] = useState<MemberSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [connectOpen, setConnectOpen] = useState(false);
  const isSelf = memberId === account.member.id;

  const load = useCallback(async () => {
    try {
      const answer = await loadMember(memberId);
      setData(answer);
      if (memberId !== account.member.id) {
        listMutualConnections(memberId)
          .then((page) => setMutuals(page.items))
          .catch(() => setMutuals([]));
      }
    } catch (caught) {
      setError(errorSentence(caught));
    }
  }, [memberId, account.member.id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) {
    return (
      <>
        <PageTitle>Profile</PageTitle>
        <Notice kind="error">{error}</Notice>
      </>
    );
  }
  if (!data) return <Spinner />;
  const { member, relationship } = data;
  const { canInvite, invitation } = relationship;
  const mayConnect = !isSelf && member.kind === 'person' && (canInvite.allowed || canInvite.requiresEmail || EMAIL_FIXABLE.has(canInvite.code ?? ''));
  const sentPending = invitation?.direction === 'sent' && invitation.status === 'pending';
  const receivedPending = invitation?.direction === 'received' && invitation.status === 'pending';

  async function accept() {
    if (!invitation) return;
    try {
      await acceptInvitation(invitation.id);
      setMessage(`You and ${member.name} are now connected.`);
      await Promise.all([load(), refresh()]);
    } catch (caught) {
      setMessage(errorSentence(caught));
    }
  }

  async function block() {
    if (!window.confirm(`Block ${member.name}? You will no longer see each other, any invitation between you ends, and they are not told.`)) return;
    try {
      await blockMember(member.id);
      navigate('/settings');
    } catch (caught) {
      setMessage(errorSentence(caught));
    }
  }

  return (
    <>
      <section className="profile-head card">
        <Avatar member={member} size={96} />
        <div className="profile-id">
          <div className="profile-title">
            <h1>{member.name}</h1>
            {isSelf ? <span className="badge">You</span> : <DegreeBadge degree={relationship.degree} />}
          </div>
          {member.headline ? <p className="lead">{member.headline}</p> : null}
          {member.location ? <p className="muted">{member.location}</p> : null}
          {!isSelf ? <p className="muted">{plural(relationship.mutualConnections, 'mutual connection')}</p> : null}
          {!isSelf ? (
            <div className="actions left">
              {relationship.degree === 1 ? <span className="badge status status-accepted">Connected</span> : null}
              {sentPending ? (
                <span className="badge status status-pending" data-testid="invitation-pending">
                  Invitation sent · waiting for an answer
                </span>
              ) : null}
              {receivedPending ? (
                <>
                  <span className="muted">{member.name} invited you to connect.</span>
                  <button type="button" className="button" onClick={() => void accept()}>
                    Accept
                  </button>
                </>
              ) : null}
              {mayConnect && !sentPending && !receivedPending ? (
                <button type="button" className="button" onClick={() => setConnectOpen(true)}>
                  Connect
                </button>
              ) : null}
              {!mayConnect && relationship.degree !== 1 && !sentPending && !receivedPending && canInvite.code ? (
                <span className="muted" data-testid="cannot-invite">
                  {canInviteSentence(canInvite.code, account.quota)}
                </span>
              ) : null}
              <button type="button" className="button link small" onClick={() => void block()}>
                Block
              </button>
            </div>
          ) : null}
          {message ? <Notice kind="info">{message}</Notice> : null}
        </div>
      </section>

      <div className="profile-grid">
        <div className="stack">
          <section className="panel" aria-labelledby="experience-title">
            <h2 id="experience-title">Experience</h2>
            {member.positions.length === 0 ? (
              <p className="muted">No positions listed.</p>
            ) : (
              <ul className="plain">
                {member.positions.map((position) => (
                  <li key={position.id}>
                    <strong>{position.title}</strong> · {position.company} <span className="muted">{years(position.startYear, position.endYear)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="education-title">
            <h2 id="education-title">Education</h2>
            {member.education.length === 0 ? (
              <p className="muted">No schools listed.</p>
            ) : (
              <ul className="plain">
                {member.education.map((school) => (
                  <li key={school.id}>
                    <strong>{school.school}</strong>
                    {school.degree ? ` · ${school.degree}` : ''} <span className="muted">{years(school.startYear, school.endYear)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="skills-title">
            <h2 id="skills-title">Skills</h2>
            {member.skills.length === 0 ? (
              <p className="muted">No skills listed.</p>
            ) : (
              <ul className="chips">
                {member.skills.map((skill) => (
                  <li key={skill} className="chip">
                    {skill}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {isSelf ? <EditProfile member={member} onSaved={() => void Promise.all([load(), refresh()])} /> : null}
        </div>
        {!isSelf ? (
          <aside className="panel" aria-labelledby="mutual-title">
            <h2 id="mutual-title">Mutual connections</h2>
            {mutuals.length === 0 ? (
              <p className="muted">You have no connections in common yet.</p>
            ) : (
              <ul className="plain people" data-testid="mutual-list">
                {mutuals.map((mutual) => (
                  <li key={mutual.id}>
                    <MemberLine member={mutual} />
                  </li>
                ))}
              </ul>
            )}
            {relationship.mutualConnections > mutuals.length ? (
              <p className="muted small">and {relationship.mutualConnections - mutuals.length} more</p>
            ) : null}
          </aside>
        ) : null}
      </div>
      {connectOpen ? (
        <ConnectDialog
          member={member}
          requiresEmail={canInvite.requiresEmail || EMAIL_FIXABLE.has(canInvite.code ?? '')}
          open
          onClose={() => {
            setConnectOpen(false);
            void load();
          }}
          onSent={() => void refresh()}
        />
      ) : null}
      <p className="muted small back-link">
        <Link to="/search">Back to search</Link>
      </p>
    </>
  );
}
