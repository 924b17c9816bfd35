import { useId, useState } from 'react';
import { solveAltcha, type AltchaChallenge } from './altcha.js';

type State = { kind: 'waiting' } | { kind: 'checking'; percent: number } | { kind: 'passed' } | { kind: 'failed' };

/**
 * The check a member answers after many sends in a day: they tick "I'm a person", their device does
 * about a second of work (the policy's `captchaMaxNumber`), and the solved challenge goes back with
 * the send. A script must pay the same work for every send.
 */
export function PersonCheck({ challenge, onPassed, disabled }: { challenge: AltchaChallenge; onPassed: (captcha: string) => void; disabled?: boolean }) {
  const [state, setState] = useState<State>({ kind: 'waiting' });
  const ids = { box: useId(), help: useId() };

  async function check() {
    setState({ kind: 'checking', percent: 0 });
    const solved = await solveAltcha(challenge, ({ tried, max }) => setState({ kind: 'checking', percent: Math.min(99, Math.round((100 * tried) / max)) }));
    if (!solved) return setState({ kind: 'failed' });
    setState({ kind: 'passed' });
    onPassed(solved);
  }

  return (
    <div className="person-check" data-testid="person-check" data-state={state.kind}>
      <p id={ids.help}>You have sent many invitations today. To send more, confirm you are a person: your device works on a short puzzle for a second or two.</p>
      <div className="person-check-box">
        <input
          id={ids.box}
          type="checkbox"
          checked={state.kind === 'checking' || state.kind === 'passed'}
          disabled={disabled || state.kind === 'checking' || state.kind === 'passed'}
          onChange={() => void check()}
          aria-describedby={ids.help}
        />
        <label htmlFor={ids.box}>I'm a person, not a script</label>
        {state.kind === 'checking' ? (
          <span className="person-check-status" role="status">
            Checking… <progress max={100} value={state.percent} aria-label="Check progress" />
          </span>
        ) : null}
        {state.kind === 'passed' ? (
          <span className="person-check-status" role="status">
            Checked
          </span>
        ) : null}
      </div>
      {state.kind === 'failed' ? <p className="error-text">The check could not finish. Close this window and try again.</p> : null}
    </div>
  );
}
