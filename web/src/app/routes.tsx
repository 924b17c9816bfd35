// Feature pages are split out of the first load (lazy-pages.tsx); the received invitations stay in it.
import {
  AdminPage,
  CompleteProfilePage,
  ConnectionsPage,
  ContactsPage,
  FollowsPage,
  GroupPage,
  GroupsPage,
  IntroductionPage,
  IntroductionsPage,
  InvitationPage,
  InviteLinkPage,
  MessagesPage,
  NotificationsPage,
  ProfilePage,
  SearchPage,
  SentPage,
  SettingsPage,
  StandingPage,
  ThreadPage,
  VerifyEmailPage,
} from './lazy-pages.js';
import { InviteLanding } from '../features/invite-link/components/invite-landing.js';
import { ReceivedPage } from '../features/invitations/components/received-page.js';
import { PageTitle } from '../ui/components.js';
import { Link, type Location } from '../ui/router.js';

export function AppRoutes({ location }: { location: Location }) {
  const { path } = location;
  const member = /^\/members\/([0-9]+)\/?$/.exec(path);
  if (member) return <ProfilePage key={member[1]} memberId={member[1]!} />;
  const invitation = /^\/invitations\/([0-9]+)\/?$/.exec(path);
  if (invitation) return <InvitationPage key={invitation[1]} invitationId={invitation[1]!} />;
  const introduction = /^\/introductions\/([0-9]+)\/?$/.exec(path);
  if (introduction) return <IntroductionPage key={introduction[1]} id={introduction[1]!} />;
  const group = /^\/groups\/([0-9]+)\/?$/.exec(path);
  if (group) return <GroupPage key={group[1]} groupId={group[1]!} />;
  const thread = /^\/messages\/([0-9]+)\/?$/.exec(path);
  if (thread) return <ThreadPage key={thread[1]} memberId={thread[1]!} />;
  const invite = /^\/invite\/([A-Za-z0-9_-]+)\/?$/.exec(path);
  if (invite) return <InviteLanding key={invite[1]} token={invite[1]!} justSignedUp={location.query.get('welcome') === '1'} />;
  switch (path) {
    case '/':
    case '/invitations':
    case '/login':
      return <ReceivedPage />;
    case '/sent':
      return <SentPage />;
    case '/connections':
      return <ConnectionsPage />;
    case '/search':
      return <SearchPage query={location.query} />;
    case '/groups':
      return <GroupsPage query={location.query.get('q') ?? ''} />;
    case '/contacts':
      return <ContactsPage />;
    case '/invite-link':
      return <InviteLinkPage />;
    case '/introductions':
      return <IntroductionsPage tab={location.query.get('tab')} />;
    case '/messages':
      return <MessagesPage />;
    case '/follows':
      return <FollowsPage tab={location.query.get('tab')} />;
    case '/settings':
      return <SettingsPage />;
    case '/standing':
      return <StandingPage />;
    case '/admin':
      return <AdminPage />;
    case '/notifications':
      return <NotificationsPage />;
    case '/verify-email':
      return <VerifyEmailPage token={location.query.get('token')} />;
    case '/welcome':
    case '/signup': // just signed up: the profile step comes next
      return <CompleteProfilePage />;
    default:
      return (
        <>
          <PageTitle>Page not found</PageTitle>
          <p>
            There is nothing at this address. <Link to="/">Go to your invitations</Link>.
          </p>
        </>
      );
  }
}
