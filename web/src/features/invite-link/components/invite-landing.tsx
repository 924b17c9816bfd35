import { useEffect, useId, useRef, useState } from 'react';
import type { InviteLinkPreview } from '../../../ui/api-types.js';
import { AuthFrame } from '../../../ui/auth-frame.js';
import { Avatar, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { ApiError } from '../../../ui/http.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { connectByInviteLink, previewInviteLink } from '../api/invite-link.js';

/** The query flag a visitor comes back with from sign-up or log-in: they already clicked to connect. */
const CONNECT_ON_ARRIVAL = 'connect';

const DEAD_LINK = 'This invite link does not work any more: it was switched off or replaced. Ask the person who shared it for a new one.';

function usePreview(token: string) {
  const [preview, setPreview] = useState<InviteLinkPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    previewInviteLink(token)
      .then((answer) => live && setPreview(answer))
      .catch((caught) => live && setError(caught instanceof ApiError && (caught.status === 404 || caught.code === 'validation_failed') ? DEAD_LINK : errorSentence(caught)));
    return () => {
      live = false;
    };
  }, [token]);
  return { preview, error };
}

function OwnerCard({ preview }: { preview: InviteLinkPreview }) {
  const { owner } = preview;
  return (
    <div className="invite-owner" data-testid="invite-owner">
      <Avatar member={owner} size={72} />
      <div>
        <div className="member-name invite-owner-name">{owner.name}</div>
        {owner.headline ? <div className="muted">{owner.headline}</div> : null}
        {owner.location ? <div className="muted small">{owner.location}</div> : null}
      </div>
    </div>
  );
}

/**
 * Where a shared invite link leads, for a visitor without a session: who shared it, and the way to
 * sign up or log in that comes back here for the one-click action.
 */
export function PublicInviteLanding({ token }: { token: string }) {
  const { preview, error } = usePreview(token);
  // Back here after signing up or in, with the click already made: `connect=1` sends it on arrival.
  const back = encodeURIComponent(`/invite/${token}?${CONNECT_ON_ARRIVAL}=1`);
  useEffect(() => {
    document.title = 'Invitation to connect · Rapport';
  }, []);
  return (
    <AuthFrame className="invite-card" title={error ? 'Invite link' : preview ? `${preview.owner.name} invites you to connect` : undefined}>
      {error ? (
        <>
          <Notice kind="error">{error}</Notice>
          <p className="auth-switch">
            <Link to="/signup">Create an account</Link> · <Link to="/login">Log in</Link>
          </p>
        </>
      ) : !preview ? (
        <Spinner />
      ) : (
        <>
          <OwnerCard preview={preview} />
          <p>
            Join Rapport, the professional network, and {preview.owner.name.split(/\s+/)[0]} gets your invitation in one click
            {preview.autoAccept ? ' — you are connected at once' : ''}.
          </p>
          <div className="stack">
            <Link to={`/signup?next=${back}`} className="button wide">
              Join to connect
            </Link>
            <p className="auth-switch">
              Already a member? <Link to={`/login?next=${back}`}>Log in to connect</Link>
            </p>
          </div>
        </>
      )}
    </AuthFrame>
  );
}

type Phase = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; connected: boolean } | { kind: 'refused'; text: string };

/**
 * What a member who has just signed up through the link does next, once the link's own action is
 * done: the first-run profile step, which then leads to the person they connected with.
 */
function CompleteProfileNext({ owner, connected }: { owner: InviteLinkPreview['owner']; connected: boolean }) {
  const titleId = useId();
  const firstName = owner.name.split(/\s+/)[0] ?? owner.name;
  return (
    <section className="panel next-step" aria-labelledby={titleId} data-testid="invite-next-step">
      <h2 id={titleId}>Next: your profile</h2>
      <p>
        {connected
          ? `${firstName} and the people you invite see your headline, where you work and where you studied first. Add them now: it takes a minute.`
          : `${firstName} decides whether to accept, and people accept invitations from someone they can place. Add your headline, where you work and where you studied: it takes a minute.`}
      </p>
      <div className="actions left">
        <Link to={`/welcome?next=${encodeURIComponent(`/members/${owner.id}`)}`} className="button">
          Complete your profile
        </Link>
      </div>
    </section>
  );
}

/**
 * The same link for a signed-in visitor: one click sends the owner an invitation (or connects at
 * once). `justSignedUp` (sign-up came back here) adds the first-run profile step after that click.
 */
export function InviteLanding({ token, justSignedUp = false }: { token: string; justSignedUp?: boolean }) {
  const { preview, error } = usePreview(token);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const arrivedToConnect = useRef(new URLSearchParams(window.location.search).get(CONNECT_ON_ARRIVAL) === '1');

  // The visitor clicked "Join to connect" or "Log in to connect" before signing in: that click was
  // the one click, so the invitation goes now, once (the flag leaves the address, so a reload does not repeat it).
  useEffect(() => {
    if (!preview || !arrivedToConnect.current) return;
    arrivedToConnect.current = false;
    const url = new URL(window.location.href);
    url.searchParams.delete(CONNECT_ON_ARRIVAL);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    const { you } = preview;
    if (you && !you.isOwner && !you.connected && !you.invitationPending) void connect();
  }, [preview]);

  async function connect() {
    setPhase({ kind: 'sending' });
    try {
      const answer = await connectByInviteLink(token);
      setPhase({ kind: 'done', connected: answer.connected });
    } catch (caught) {
      setPhase({ kind: 'refused', text: caught instanceof ApiError && caught.status === 404 ? DEAD_LINK : errorSentence(caught) });
    }
  }

  if (error) {
    return (
      <>
        <PageTitle>Invite link</PageTitle>
        <Notice kind="error">{error}</Notice>
      </>
    );
  }
  if (!preview) return <Spinner />;
  const { owner, you } = preview;
  const firstName = owner.name.split(/\s+/)[0] ?? owner.name;
  const connected = Boolean(you?.connected) || (phase.kind === 'done' && phase.connected);
  const settled = !you?.isOwner && (connected || phase.kind === 'done' || Boolean(you?.invitationPending));
  return (
    <>
      <PageTitle>{you?.isOwner ? 'Your invite link' : `Connect with ${owner.name}`}</PageTitle>
      <section className="card invite-landing" aria-label={`${owner.name}'s invite link`}>
        <OwnerCard preview={preview} />
        {you?.isOwner ? (
          <p>
            This is your own link: people who open it can ask to connect with you. <Link to="/invite-link">Manage your link</Link>.
          </p>
        ) : you?.connected || (phase.kind === 'done' && phase.connected) ? (
          <Notice kind="success">
            {phase.kind === 'done' ? `You and ${owner.name} are now connected.` : `You are already connected with ${owner.name}.`}{' '}
            <Link to={`/members/${owner.id}`}>See {firstName}’s profile</Link>
          </Notice>
        ) : phase.kind === 'done' ? (
          <Notice kind="success">
            Invitation sent. {firstName} will see it in their invitations. <Link to="/sent">See your sent invitations</Link>
          </Notice>
        ) : you?.invitationPending ? (
          <Notice kind="info">
            An invitation between you and {firstName} is already waiting for an answer. <Link to={`/members/${owner.id}`}>See {firstName}’s profile</Link>
          </Notice>
        ) : (
          <>
            <p>
              {owner.name} shared this link so people can connect in one click.{' '}
              {preview.autoAccept ? 'You will be connected at once.' : `${firstName} will be asked to accept.`}
            </p>
            {phase.kind === 'refused' ? <Notice kind="error">{phase.text}</Notice> : null}
            <div className="actions left">
              <button type="button" className="button" onClick={() => void connect()} disabled={phase.kind === 'sending'}>
                {phase.kind === 'sending' ? 'Sending…' : preview.autoAccept ? `Connect with ${firstName}` : 'Send invitation'}
              </button>
            </div>
          </>
        )}
      </section>
      {justSignedUp && settled ? <CompleteProfileNext owner={owner} connected={connected} /> : null}
    </>
  );
}
