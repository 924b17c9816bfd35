import { useEffect, useState } from 'react';
import type { PublicPolicy } from './api-types.js';
import { http } from './http.js';

/** What a page needs from the policy in force, read from GET /policy once per session. */
export interface PolicyView {
  noteMaxLength: number;
  /** Characters in a reply on an invitation, a direct message, and each message of an introduction. */
  replyMaxLength: number;
  messageMaxLength: number;
  introductionNoteMaxLength: number;
  defaultInvitationMessage: string;
  /** The server serves its dev mailbox at /dev/mail (RAPPORT_DEV_MAILBOX=1): only then is it linked. */
  devMailbox: boolean;
  raw: Record<string, unknown>;
}

let pending: Promise<PolicyView> | null = null;
let loaded: PolicyView | null = null;

/** The server's defaults, for a policy that lacks the key (an older server). */
const FALLBACK_LENGTHS = { noteMaxLength: 300, replyMaxLength: 2000, messageMaxLength: 5000, introductionNoteMaxLength: 1000 } as const;

/** A text length cap while the policy loads or when it could not be read: the server's default. */
export function lengthCap(policy: PolicyView | null, key: keyof typeof FALLBACK_LENGTHS): number {
  return policy?.[key] ?? FALLBACK_LENGTHS[key];
}

function toView(answer: PublicPolicy): PolicyView {
  const cap = (key: keyof typeof FALLBACK_LENGTHS) => {
    const max = answer.policy[key];
    return typeof max === 'number' && max > 0 ? max : FALLBACK_LENGTHS[key];
  };
  return {
    noteMaxLength: cap('noteMaxLength'),
    replyMaxLength: cap('replyMaxLength'),
    messageMaxLength: cap('messageMaxLength'),
    introductionNoteMaxLength: cap('introductionNoteMaxLength'),
    defaultInvitationMessage: answer.defaultInvitationMessage,
    devMailbox: answer.devMailbox === true,
    raw: answer.policy,
  };
}

export function loadPolicy(): Promise<PolicyView> {
  if (loaded) return Promise.resolve(loaded);
  pending ??= http
    .get<PublicPolicy>('/policy')
    .then((answer) => (loaded = toView(answer)))
    .catch((error: unknown) => {
      pending = null; // try again next time
      throw error;
    });
  return pending;
}

/** The policy in force, or null while it loads (or when it could not be read). */
export function usePolicy(): PolicyView | null {
  const [policy, setPolicy] = useState<PolicyView | null>(loaded);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    loadPolicy()
      .then((view) => live && setPolicy(view))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return policy;
}
