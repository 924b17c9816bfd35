import { useEffect, useId, useRef, useState } from 'react';
import type { InviteLink } from '../../../ui/api-types.js';
import { ChoiceField, Dialog, Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { loadInviteLink, rotateInviteLink, updateInviteLink } from '../api/invite-link.js';

/** The member's own "invite me" link: copy it, switch it off or on, auto-accept, replace it. */
export function InviteLinkPage() {
  const [link, setLink] = useState<InviteLink | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const ids = { url: useId(), urlHelp: useId(),  };

  useEffect(() => {
    loadInviteLink()
      .then(setLink)
      .catch((caught) => setMessage({ kind: 'error', text: errorSentence(caught) }));
  }, []);

  async function change(input: { enabled?: boolean; autoAccept?: boolean }, text: string) {
    if (!link) return;
    setBusy(true);
    setMessage(null);
    setLink({ ...link, ...input });
    try {
      setLink(await updateInviteLink(input));
      setMessage({ kind: 'success', text });
    } catch (caught) {
      setLink(link);
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  async function rotate() {
    setConfirmRotate(false);
    setBusy(true);
    setMessage(null);
    try {
      setLink(await rotateInviteLink());
      setMessage({ kind: 'success', text: 'Your new link is ready. The old one no longer works.' });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setMessage({ kind: 'success', text: 'Link copied. Paste it in an email, a chat or your email signature.' });
    } catch {
      // No clipboard permission (an embedded browser, an old one): select the text instead.
      field.current?.select();
      setMessage({ kind: 'info', text: 'The link is selected: press Ctrl+C (or ⌘C) to copy it.' });
    }
  }

  return (
    <>
      <PageTitle lead="Anyone who opens your personal link can ask to connect with you in one click, even without knowing your email address.">
        Your invite link
      </PageTitle>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {!link ? (
        message ? null : <Spinner />
      ) : (
        <>
          <section className="panel" aria-labelledby="link-title" data-testid="invite-link-panel">
            <h2 id="link-title">Share your link</h2>
            <div className="field">
              <label htmlFor={ids.url}>Your personal link</label>
              <div className="copy-row">
                <input id={ids.url} ref={field} type="url" readOnly value={link.url} aria-describedby={ids.urlHelp} onFocus={(e) => e.target.select()} disabled={!link.enabled} />
                <button type="button" className="button" onClick={() => void copy()} disabled={!link.enabled}>
                  Copy link
                </button>
              </div>
              <p className="hint" id={ids.urlHelp}>
                {link.enabled
                  ? 'Invitations that come through it count toward the visitor’s limits, not yours.'
                  : 'Your link is switched off: people who open it see that it no longer works.'}
              </p>
            </div>
          </section>
          <section className="panel" aria-labelledby="link-settings-title">
            <h2 id="link-settings-title">How it works</h2>
            <ChoiceField
              label="Link is on"
              hint="Switch it off to stop new requests for a while; the same link works again when you switch it back on."
              checked={link.enabled}
              disabled={busy}
              onChange={(e) =>
                void change({ enabled: e.target.checked }, e.target.checked ? 'Your link is on again.' : 'Your link is off. Nobody can use it until you switch it back on.')
              }
            />
            <ChoiceField
              label="Connect automatically"
              hint="Handy at an event. Off: each request waits in your invitations for you to accept."
              checked={link.autoAccept}
              disabled={busy || !link.enabled}
              onChange={(e) =>
                void change(
                  { autoAccept: e.target.checked },
                  e.target.checked ? 'People who use your link are now connected with you at once.' : 'You will now accept each request yourself.',
                )
              }
            />
            <div className="actions left">
              <button type="button" className="button secondary" onClick={() => setConfirmRotate(true)} disabled={busy}>
                Make a new link
              </button>
            </div>
          </section>
          <p className="muted small">
            Want to invite specific people instead? <Link to="/contacts">Import your contacts</Link>.
          </p>
        </>
      )}
      {confirmRotate ? (
        <Dialog title="Replace your link?" open onClose={() => setConfirmRotate(false)}>
          <p>Your current link stops working at once, wherever you shared it. Requests already sent through it stay as they are.</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setConfirmRotate(false)}>
              Cancel
            </button>
            <button type="button" className="button" onClick={() => void rotate()}>
              Make a new link
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
