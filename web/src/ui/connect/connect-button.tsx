import { useState } from 'react';
import type { MemberSummary, Relationship } from '../api-types.js';
import { http } from '../http.js';
import { canInviteSentence, errorSentence } from '../problem-text.js';
import { useSession } from '../session.js';
import { ConnectDialog } from './connect-dialog.js';

const EMAIL_FIXABLE = new Set(['not_eligible', 'email_required']);

/**
 * Connect, for a person in a list (search, a group, a company's people): asks the API whether and
 * how they may be invited, so the dialog shows the email field up front, or says why not. Shows
 * "Connected", "Invited", "You" or "Company" where Connect does not apply.
 */
export function ConnectButton({ member, degree }: { member: MemberSummary; degree: 1 | 2 | 3 | null }) {
  const { account, refresh } = useSession();
  const [connecting, setConnecting] = useState<{ requiresEmail: boolean } | null>(null);
  const [sent, setSent] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  if (member.id === account.member.id) return <span className="badge">You</span>;
  if (member.kind === 'company') return <span className="badge">Company</span>;
  if (degree === 1) return <span className="badge status status-accepted">Connected</span>;

  async function connect() {
    try {
      const { relationship } = await http.get<{ relationship: Relationship }>(`/members/${member.id}`);
      const { canInvite } = relationship;
      const emailFixable = EMAIL_FIXABLE.has(canInvite.code ?? '');
      if (!canInvite.allowed && !canInvite.requiresEmail && !emailFixable && canInvite.code) {
        setRefusal(canInviteSentence(canInvite.code, account.quota));
        return;
      }
      setConnecting({ requiresEmail: canInvite.requiresEmail || emailFixable });
    } catch (caught) {
      setRefusal(errorSentence(caught));
    }
  }

  return (
    <>
      {sent ? (
        <span className="badge status status-pending">Invited</span>
      ) : (
        <>
          {refusal ? <span className="small refusal">{refusal}</span> : null}
          <button type="button" className="button small" onClick={() => void connect()} aria-label={`Connect with ${member.name}`}>
            Connect
          </button>
        </>
      )}
      {connecting ? (
        <ConnectDialog
          member={member}
          requiresEmail={connecting.requiresEmail}
          open
          onClose={() => setConnecting(null)}
          onSent={() => {
            setSent(true);
            void refresh();
          }}
        />
      ) : null}
    </>
  );
}
