// The note being written in the Connect dialog, kept in sessionStorage per recipient, so Back or a
// reload with the dialog open does not throw it away; cleared once the invitation is sent or the
// member cancels.

export interface NoteDraft {
  /** The message as edited; null while it is still the default message. */
  note: string | null;
  howWeMet: string;
}

const key = (recipientId: string) => `rapport.connect-draft.${recipientId}`;

export function readNoteDraft(recipientId: string): NoteDraft | null {
  try {
    const raw = window.sessionStorage.getItem(key(recipientId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<NoteDraft>;
    if (typeof parsed.note !== 'string' && parsed.note !== null) return null;
    return { note: parsed.note, howWeMet: typeof parsed.howWeMet === 'string' ? parsed.howWeMet : '' };
  } catch {
    return null; // storage switched off or a foreign value: no draft
  }
}

export function saveNoteDraft(recipientId: string, draft: NoteDraft): void {
  try {
    window.sessionStorage.setItem(key(recipientId), JSON.stringify(draft));
  } catch {
    // storage full or switched off: the note simply is not kept
  }
}

export function clearNoteDraft(recipientId: string): void {
  try {
    window.sessionStorage.removeItem(key(recipientId));
  } catch {
    // nothing kept, nothing to clear
  }
}
