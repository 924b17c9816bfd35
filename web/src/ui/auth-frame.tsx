import type { ReactNode } from 'react';

/** The page a visitor without a session sees (log in, sign up, a shared invite link): the brand and one card. */
export function AuthFrame({ title, className, children }: { title?: string; className?: string; children: ReactNode }) {
  return (
    <main className="auth" id="main">
      <div className={className ? `auth-card ${className}` : 'auth-card'}>
        <div className="brand brand-large" aria-hidden="true">
          Rapport
        </div>
        {title ? <h1>{title}</h1> : null}
        {children}
      </div>
    </main>
  );
}
