import { useEffect, useState } from 'react';
import type { PublicPolicy } from './api-types.js';
import { http } from './http.js';

/** What a page needs from the policy in force, read from GET /policy once per session. */
export interface PolicyView {
  noteMaxLength: number;
  defaultInvitationMessage: string;
  raw: Record<string, unknown>;
}

let pending: Promise<PolicyView> | null = null;
let loaded: PolicyView | null = null;

function toView(answer: PublicPolicy): PolicyView {
  const max = answer.policy.noteMaxLength;
  return {
    noteMaxLength: typeof max === 'number' && max > 0 ? max : 300,
    defaultInvitationMessage: answer.defaultInvitationMessage,
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
