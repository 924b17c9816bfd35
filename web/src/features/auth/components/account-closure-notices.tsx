import { AuthFrame } from '../../../ui/auth-frame.js';
import { Notice } from '../../../ui/components.js';
import { formatDate } from '../../../ui/format.js';

/** On the sign-in page right after closing (`/login?closed=<eraseAfter>`): how to reopen, and until when. */
export function ClosedAccountNotice() {
  const eraseAfter = new URLSearchParams(window.location.search).get('closed');
  const date = formatDate(eraseAfter);
  if (!date) return null;
  return (
    <div data-testid="account-closed-notice">
      <Notice kind="success">
        Your account is closed. Changed your mind? Sign in before <strong>{date}</strong> and it opens again; after that it is erased.
      </Notice>
    </div>
  );
}

/** After a sign-in that reopened a closing account. */
export function ReopenedAccountNotice({ onContinue }: { onContinue: () => void }) {
  return (
    <AuthFrame title="Welcome back">
      <div className="stack" data-testid="account-reopened-notice">
        <Notice kind="success">Your account is open again: people can find you and see your profile.</Notice>
        <p className="muted">Connections, follows and contacts removed when you closed it do not come back; invite people again to reconnect.</p>
        <button type="button" className="button wide" onClick={onContinue}>
          Continue to Rapport
        </button>
      </div>
    </AuthFrame>
  );
}
