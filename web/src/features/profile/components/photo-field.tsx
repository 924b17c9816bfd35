import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { MemberProfile } from '../../../ui/api-types.js';
import { Avatar, Notice } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, removePhoto, uploadPhoto } from '../api/photo.js';

/**
 * Your profile photo: upload, replace or remove it. The server crops it square and keeps only the
 * picture (no camera data, no location); until then your initials stand in.
 */
export function PhotoField({ member, onSaved, showAvatar = true }: { member: MemberProfile; onSaved: () => void; showAvatar?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      setMessage({ kind: 'success', text: done });
      onSaved();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  function chosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!PHOTO_TYPES.includes(file.type)) return setMessage({ kind: 'error', text: 'Choose a JPEG, PNG or WebP image.' });
    if (file.size > PHOTO_MAX_BYTES) return setMessage({ kind: 'error', text: 'That image is over 5 MB; choose a smaller one.' });
    void run(() => uploadPhoto(file), 'Photo saved. It is cropped to a square and shown wherever your name appears.');
  }

  return (
    <div className="stack photo-field">
      <h3>Photo</h3>
      <div className="photo-field-row">
        {showAvatar ? <Avatar member={member} size={96} /> : null}
        <div className="stack">
          <p className="muted small">
            {member.photoUrl ? 'Members see this photo beside your name.' : 'A clear photo of your face helps people recognise you before they accept.'} JPEG, PNG or
            WebP, up to 5 MB. Camera details and location are removed.
          </p>
          <div className="actions left">
            <input ref={input} id={id} type="file" accept={PHOTO_TYPES.join(',')} onChange={chosen} disabled={busy} className="visually-hidden" />
            <label htmlFor={id} className="button secondary photo-pick" aria-disabled={busy}>
              {busy ? 'Saving…' : member.photoUrl ? 'Change photo' : 'Upload a photo'}
            </label>
            {member.photoUrl ? (
              <button type="button" className="button secondary" disabled={busy} onClick={() => void run(removePhoto, 'Photo removed; your initials show instead.')}>
                Remove photo
              </button>
            ) : null}
          </div>
        </div>
      </div>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
    </div>
  );
}
