// The feature pages, each in its own file of the build, fetched the first time its route is opened:
// the first load carries only the shell and the received invitations (web/src/app/routes.tsx).
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Notice, Spinner } from '../ui/components.js';

/** A page component whose code is loaded on first render, with a spinner meanwhile. */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() })) as unknown as ComponentType<P>;
  function LazyPage(props: P) {
    return (
      <PageLoadBoundary>
        <Suspense fallback={<Spinner />}>
          <Loaded {...props} />
        </Suspense>
      </PageLoadBoundary>
    );
  }
  return LazyPage;
}

/**
 * When a page's file cannot be fetched (offline, or a new version replaced it since this tab
 * opened), says so and offers a reload instead of leaving a blank screen.
 */
class PageLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Notice kind="error">
        This page could not be loaded. Check your connection, or Rapport may have been updated since you opened it.{' '}
        <button type="button" className="button link" onClick={() => window.location.reload()}>
          Reload
        </button>
      </Notice>
    );
  }
}

export const AdminPage = lazyPage(() => import('../features/admin/components/admin-page.js').then((m) => m.AdminPage));
export const ConnectionsPage = lazyPage(() => import('../features/connections/components/connections-page.js').then((m) => m.ConnectionsPage));
export const ContactsPage = lazyPage(() => import('../features/contacts/components/contacts-page.js').then((m) => m.ContactsPage));
export const VerifyEmailPage = lazyPage(() => import('../features/email-verification/components/verify-email-page.js').then((m) => m.VerifyEmailPage));
export const FollowsPage = lazyPage(() => import('../features/follows/components/follows-page.js').then((m) => m.FollowsPage));
export const GroupPage = lazyPage(() => import('../features/groups/components/group-page.js').then((m) => m.GroupPage));
export const GroupsPage = lazyPage(() => import('../features/groups/components/groups-page.js').then((m) => m.GroupsPage));
export const IntroductionPage = lazyPage(() => import('../features/introductions/components/introduction-page.js').then((m) => m.IntroductionPage));
export const IntroductionsPage = lazyPage(() => import('../features/introductions/components/introductions-page.js').then((m) => m.IntroductionsPage));
export const InviteLinkPage = lazyPage(() => import('../features/invite-link/components/invite-link-page.js').then((m) => m.InviteLinkPage));
export const MessagesPage = lazyPage(() => import('../features/messages/components/messages-page.js').then((m) => m.MessagesPage));
export const ThreadPage = lazyPage(() => import('../features/messages/components/thread-page.js').then((m) => m.ThreadPage));
export const InvitationPage = lazyPage(() => import('../features/invitations/components/invitation-page.js').then((m) => m.InvitationPage));
export const NotificationsPage = lazyPage(() => import('../features/notifications/components/notifications-page.js').then((m) => m.NotificationsPage));
export const CompleteProfilePage = lazyPage(() => import('../features/profile/components/complete-profile.js').then((m) => m.CompleteProfilePage));
export const ProfilePage = lazyPage(() => import('../features/profile/components/profile-page.js').then((m) => m.ProfilePage));
export const SearchPage = lazyPage(() => import('../features/search/components/search-page.js').then((m) => m.SearchPage));
export const SentPage = lazyPage(() => import('../features/sent/components/sent-page.js').then((m) => m.SentPage));
export const SettingsPage = lazyPage(() => import('../features/settings/components/settings-page.js').then((m) => m.SettingsPage));
export const StandingPage = lazyPage(() => import('../features/standing/components/standing-page.js').then((m) => m.StandingPage));
