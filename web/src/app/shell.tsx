import { useEffect, useRef, type ReactNode } from 'react';
import { UnverifiedNotice } from '../features/email-verification/components/unverified-notice.js';
import { NotificationBell } from '../features/notifications/components/bell.js';
import { NavCountBadge } from '../features/network/components/nav-count-badge.js';
import { StandingWarningBanner } from '../features/standing/components/standing-warning-banner.js';
import type { Account } from '../ui/api-types.js';
import { Avatar } from '../ui/components.js';
import { Link } from '../ui/router.js';
import { NavMenuButton, useNavMenu } from './nav-menu.js';
import { useNavSection } from '../ui/nav-section.js';

const NAV = [
  { to: '/', label: 'My Network', match: (p: string) => p === '/' || p === '/invitations' || p.startsWith('/invitations/') },
  { to: '/sent', label: 'Sent', match: (p: string) => p === '/sent' },
  { to: '/connections', label: 'Connections', match: (p: string) => p === '/connections' || p === '/follows' },
  { to: '/contacts', label: 'Contacts', match: (p: string) => p === '/contacts' || p === '/invite-link' },
  { to: '/introductions', label: 'Introductions', match: (p: string) => p === '/introductions' || p.startsWith('/introductions/') },
  { to: '/messages', label: 'Messages', match: (p: string) => p === '/messages' || p.startsWith('/messages/') },
  { to: '/search', label: 'Search', match: (p: string) => p === '/search' },
  { to: '/groups', label: 'Groups', match: (p: string) => p === '/groups' || p.startsWith('/groups/') },
  { to: '/settings', label: 'Settings', match: (p: string) => p === '/settings' },
  { to: '/standing', label: 'Standing', match: (p: string) => p === '/standing' },
];

export function Shell({ account, path, onSignOut, children }: { account: Account; path: string; onSignOut: () => void; children: ReactNode }) {
  const items = account.member.role === 'admin' ? [...NAV, { to: '/admin', label: 'Admin', match: (p: string) => p === '/admin' }] : NAV;
  const mainRef = useRef<HTMLElement>(null);
  const menu = useNavMenu(path);
  const claimed = useNavSection(path);
  const firstPath = useRef(path);

  // After a client-side navigation, focus would otherwise be lost on <body> when the link that was
  // followed disappears (the bell's panel, a card): put it at the start of the new page.
  useEffect(() => {
    if (path === firstPath.current) return;
    firstPath.current = '';
    const active = document.activeElement;
    if (!active || active === document.body) mainRef.current?.focus({ preventScroll: true });
  }, [path]);

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
          <nav aria-label="Main" className={menu.open ? 'nav open' : 'nav'} id={menu.navId} ref={menu.navRef}>
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    aria-current={(claimed ? item.to === claimed : item.match(path)) ? 'page' : undefined}
                    aria-describedby={item.to === '/' ? 'nav-pending-description' : undefined}
                  >
                    {item.label}
                    {item.to === '/' ? <NavCountBadge path={path} account={account} id="nav-pending-description" /> : null}
                  </Link>
                </li>
              ))}
              <li className="phone-only">
                <button type="button" className="nav-sign-out" onClick={onSignOut}>
                  Log out
                </button>
              </li>
            </ul>
          </nav>
          <div className="me">
            <NotificationBell path={path} />
            <Link to={`/members/${account.member.id}`} className="me-link">
              <Avatar member={account.member} size={32} />
              <span className="visually-hidden">Your profile: {account.member.name}</span>
            </Link>
            <button type="button" className="button link sign-out" onClick={onSignOut}>
              Log out
            </button>
            <NavMenuButton menu={menu} />
          </div>
        </div>
      </header>
      {account.standing.restricted ? (
        <div className="restriction-banner" role="region" aria-label="Account restricted" data-testid="restriction-banner">
          <div className="container">
            <strong>Your account is restricted.</strong> Every invitation you send now needs the recipient's email address.{' '}
            <Link to="/standing">See why and how to lift it</Link>
          </div>
        </div>
      ) : null}
      {path !== '/standing' ? <StandingWarningBanner standing={account.standing} /> : null}
      {!account.member.emailVerified && path !== '/verify-email' ? <UnverifiedNotice email={account.member.email} /> : null}
      <main id="main" className="container main" tabIndex={-1} ref={mainRef}>
        {children}
      </main>
    </>
  );
}
