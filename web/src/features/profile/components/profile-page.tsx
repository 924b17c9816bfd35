import { useCallback, useEffect, useState } from 'react';
import type { MemberSummary } from '../../../ui/api-types.js';
import { Avatar, DegreeBadge, Dialog, MemberLine, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { ConnectDialog } from '../../../ui/connect/connect-dialog.js';
import { formatDate, plural } from '../../../ui/format.js';
import { InCommonList } from '../../../ui/in-common.js';
import { usePolicy } from '../../../ui/policy.js';
import { reinviteSentenceFromNow } from '../../../ui/reinvite.js';
import { canInviteSentence, errorSentence } from '../../../ui/problem-text.js';
import { Link, navigate } from '../../../ui/router.js';
import { useSession } from '../../../ui/session.js';
import { acceptInvitation, blockMember, followMember, listMutualConnections, loadMember, unfollowMember, type ProfileAnswer } from '../api/profile.js';
import { ReportMemberButton } from '../../member-reports/components/report-member-button.js';
import { ConfirmDialog } from '../../invitations/components/confirm-dialog.js';
import { withdrawInvitation } from '../../sent/api/sent.js';
import { AskIntroductionDialog } from './ask-introduction-dialog.js';
import { EditProfile } from './edit-profile.js';
import { ProfileCommunities } from './profile-communities.js';
import { ManagerLine } from './manager-line.js';

const EMAIL_FIXABLE = new Set(['not_eligible', 'email_required']);

function years(start: number | null, end: number | null): string {
  if (start === null && end === null) return '';
  return `${start ?? '?'} – ${end ?? 'now'}`;
}

export function ProfilePage({ memberId }: { memberId: string }) {
  const { account, refresh } = useSession();
  const [data, setData] = useState<ProfileAnswer | null>(null);
  const [mutuals, setMutuals] = useState<MemberSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [connectOpen, setConnectOpen] = useState(false);
  const [introOpen, setIntroOpen] = useState(false);
  const [unfollowOpen, setUnfollowOpen] = useState(false);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [following, setFollowing] = useState<boolean | null>(null);
  const policy = usePolicy();
  const isSelf = memberId === account.member.id;

  const load = useCallback(async () => {
    try {
      const answer = await loadMember(memberId);
      setData(answer);
      setFollowing(answer.relationship.following);
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
  const { member, relationship, inCommon } = data;
  const firstName = member.name.split(/\s+/)[0] ?? member.name;
  const isFollowing = following ?? relationship.following;
  const inmail = policy?.raw.inmailCreditsPerMonth as Record<string, number> | undefined;
  const inmailCredits = inmail?.[account.member.tier] ?? 0;
  const mayMessage = !isSelf && (relationship.degree === 1 || inmailCredits > 0);
  const { canInvite, invitation } = relationship;
  // Someone you already invited (or who invited you) needs no introduction: the invitation is the way in.
  const mayAskIntroduction = !isSelf && member.kind === 'person' && relationship.degree === 2 && mutuals.length > 0 && !(invitation && invitation.status === 'pending');
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

  async function withdraw() {
    if (!invitation) return;
    try {
      const { reinviteAfter } = await withdrawInvitation(invitation.id);
      setMessage(`Withdrawn. ${member.name} is not told. You can invite them again from ${formatDate(reinviteAfter)}.`);
      await Promise.all([load(), refresh()]);
    } catch (caught) {
      setMessage(errorSentence(caught));
    }
  }

  async function follow() {
    try {
      await followMember(member.id);
      setFollowing(true);
      setMessage(`You now follow ${member.name}.`);
    } catch (caught) {
      setMessage(errorSentence(caught));
    }
  }

  async function unfollow() {
    setUnfollowOpen(false);
    try {
      await unfollowMember(member.id);
      setFollowing(false);
      setMessage(relationship.degree === 1 ? `You no longer follow ${member.name}. You are still connected.` : `You no longer follow ${member.name}.`);
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

  function followButton(className: string) {
    return isFollowing ? (
      <button type="button" className={`${className} following`} onClick={() => setUnfollowOpen(true)} data-testid="follow-button">
        <span aria-hidden="true">✓</span> Following
      </button>
    ) : (
      <button type="button" className={className} onClick={() => void follow()} data-testid="follow-button">
        Follow
      </button>
    );
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
          <ManagerLine managerId={member.managerId} />
          {!isSelf ? <p className="muted">{plural(relationship.mutualConnections, 'mutual connection')}</p> : null}
          {!isSelf ? (
            <div className="actions left">
              {relationship.degree === 1 ? <span className="badge status status-accepted">Connected</span> : null}
              {sentPending ? (
                <>
                  <span className="badge status status-pending" data-testid="invitation-pending">
                    Invitation sent · waiting for an answer
                  </span>
                  <button type="button" className="button secondary" onClick={() => setWithdrawOpen(true)}>
                    Withdraw
                  </button>
                </>
              ) : null}
              {receivedPending ? (
                <>
                  <span className="muted">{member.name} invited you to connect.</span>
                  <button type="button" className="button" onClick={() => void accept()}>
                    Accept
                  </button>
                </>
              ) : null}
              {relationship.primaryAction === 'follow' && relationship.canFollow && !isFollowing ? followButton('button') : null}
              {mayConnect && !sentPending && !receivedPending ? (
                <button type="button" className={relationship.primaryAction === 'follow' ? 'button secondary' : 'button'} onClick={() => setConnectOpen(true)}>
                  Connect
                </button>
              ) : null}
              {mayMessage ? (
                <Link to={`/messages/${member.id}`} className={relationship.degree === 1 ? 'button' : 'button secondary'}>
                  Message
                </Link>
              ) : null}
              {relationship.canFollow && (isFollowing || relationship.primaryAction !== 'follow') ? followButton('button secondary') : null}
              {mayAskIntroduction ? (
                <button type="button" className="button secondary" onClick={() => setIntroOpen(true)}>
                  Ask for an introduction
                </button>
              ) : null}
              {!mayConnect && relationship.degree !== 1 && !sentPending && !receivedPending && canInvite.code && canInvite.code !== 'companies_cannot_connect' ? (
                <span className="muted" data-testid="cannot-invite">
                  {canInviteSentence(canInvite.code, account.quota)}
                </span>
              ) : null}
              <button type="button" className="button link small" onClick={() => void block()}>
                Block
              </button>
              <ReportMemberButton member={member} source="profile" />
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
          <ProfileCommunities member={member} isSelf={isSelf} />
          {isSelf ? <EditProfile member={member} onSaved={() => void Promise.all([load(), refresh()])} /> : null}
        </div>
        {!isSelf ? (
          <aside className="stack profile-aside">
          {inCommon && (inCommon.companies.length || inCommon.schools.length || inCommon.groups.length || inCommon.skills.length) ? (
            <section className="panel" aria-labelledby="common-title">
              <h2 id="common-title">What you have in common</h2>
              <InCommonList inCommon={inCommon} />
            </section>
          ) : null}
          <section className="panel" aria-labelledby="mutual-title">
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
          </section>
          </aside>
        ) : null}
      </div>
      {connectOpen ? (
        <ConnectDialog
          member={member}
          requiresEmail={canInvite.requiresEmail || EMAIL_FIXABLE.has(canInvite.code ?? '')}
          open
          inCommon={inCommon}
          reportsToYou={member.managerId === account.member.id}
          onClose={() => {
            setConnectOpen(false);
            void load();
          }}
          onSent={() => void refresh()}
        />
      ) : null}
      {withdrawOpen && invitation ? (
        <ConfirmDialog
          title={`Withdraw your invitation to ${member.name}?`}
          body={`${member.name} is not told. The invitation still counts toward your limits.${reinviteSentenceFromNow(policy)}`}
          confirmLabel="Withdraw"
          onConfirm={() => void withdraw()}
          onClose={() => setWithdrawOpen(false)}
        />
      ) : null}
      {introOpen ? <AskIntroductionDialog target={member} mutuals={mutuals} onClose={() => setIntroOpen(false)} /> : null}
      {unfollowOpen ? (
        <Dialog title={`Unfollow ${member.name}?`} open onClose={() => setUnfollowOpen(false)}>
          <p>
            You stop seeing {firstName}’s updates. {firstName} is not told
            {relationship.degree === 1 ? ', and you stay connected.' : '.'}
          </p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setUnfollowOpen(false)}>
              Cancel
            </button>
            <button type="button" className="button" onClick={() => void unfollow()}>
              Unfollow
            </button>
          </div>
        </Dialog>
      ) : null}
      <p className="muted small back-link">
        <Link to="/search">Back to search</Link>
      </p>
    </>
  );
}
