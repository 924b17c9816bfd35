import { Link } from '../../../ui/router.js';
import './network.css';

const ACTIONS = [
  { to: '/search', label: 'Find people', why: 'Search by name, company or place.' },
  { to: '/contacts', label: 'Import your contacts', why: 'See who you already know here.' },
  { to: '/invite-link', label: 'Share your invite link', why: 'Anyone with it can ask to connect.' },
];

/** What a member with no connections and nothing pending sees instead of an empty list. */
export function NetworkWelcome() {
  return (
    <section className="panel network-welcome" aria-labelledby="network-welcome-title" data-testid="network-welcome">
      <h2 id="network-welcome-title">Start your network</h2>
      <p className="muted">No invitations yet. Invitations come from people who know you: here are three ways to let them find you.</p>
      <ul>
        {ACTIONS.map((action) => (
          <li key={action.to}>
            <Link to={action.to} className="button secondary">
              {action.label}
            </Link>
            <span className="muted small">{action.why}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
