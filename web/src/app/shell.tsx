import type { ReactNode } from 'react';
import type { Account } from '../ui/api-types.js';
import { Avatar } from '../ui/components.js';
import { Link } from '../ui/router.js';

const NAV = [
  { to: '/', label: 'My Network', match: (p: string) => p === '/' || p === '/invitations' },
  { to: '/sent', label: 'Sent', match: (p: string) => p === '/sent' },
  { to: '/connections', label: 'Connections', match: (p: string) => p === '/connections' },
  { to: '/search', label: 'Search', match: (p: string) => p === '/search' },
  { to: '/settings', label: 'Settings', match: (p: string) => p === '/settings' },
  { to: '/standing', label: 'Standing', match: (p: string) => p === '/standing' },
];

export function Shell({ account, path, onSignOut, children }: { account: Account; path: string; onSignOut: () => void; children: ReactNode }) {
  const items = account.member.role === 'admin' ? [...NAV, { to: '/admin', label: 'Admin', match: (p: string) => p === '/admin' }] : NAV;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            Rapport
          </Link>
          <nav aria-label="Main" className="nav">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={item.match(path) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="me">
            <Link to={`/members/${account.member.id}`} className="me-link" aria-label={`Your profile: ${account.member.name}`}>
              <Avatar member={account.member} size={32} />
            </Link>
            <button type="button" className="button link" onClick={onSignOut}>
              Log out
            </button>
          </div>
        </div>
      </header>
      {account.standing.restricted ? (
        <div className="restriction-banner" role="status" data-testid="restriction-banner">
          <div className="container">
            <strong>Your account is restricted.</strong> Every invitation you send now needs the recipient's email address.{' '}
            <Link to="/standing">See why and how to lift it</Link>
          </div>
        </div>
      ) : null}
      <main id="main" className="container main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
