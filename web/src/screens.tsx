import type { Account, Status } from './api.ts';
import { AdminAccounts } from './admin-accounts.tsx';
import { Announcements } from './announcements.tsx';
import { Conversations } from './conversations.tsx';
import { Explore, type ExploreTab, LinkTimeline, TagTimeline } from './explore.tsx';
import { ScheduledPosts } from './scheduled.tsx';
import { AdminReportDetail, AdminReports } from './admin-reports.tsx';
import { EditProfile } from './edit-profile.tsx';
import { Filters } from './filters.tsx';
import { FollowRequests } from './follow-requests.tsx';
import { ListDetail } from './list-detail.tsx';
import { Lists } from './lists.tsx';
import { ModerationGate, canManageReports, canManageUsers } from './moderation.tsx';
import { Notifications } from './notifications.tsx';
import { Preferences } from './preferences.tsx';
import { Profile } from './profile.tsx';
import { Search } from './search.tsx';
import { Thread } from './thread.tsx';
import { SOURCES, Timeline } from './timeline.tsx';

export interface ScreenProps {
  path: string;
  me: Account;
  setMe: (a: Account) => void;
  onReply: (s: Status) => void;
  posted: Status | null;
}

/** The screen for a /web path (the app routes on the client). */
export function Screen({ path, me, setMe, onReply, posted }: ScreenProps) {
  const timeline = (path.match(/^\/web\/(local|federated|bookmarks|favourites)$/)?.[1] ?? null) as keyof typeof SOURCES | null;
  if (timeline) return <Timeline key={timeline} source={SOURCES[timeline]} onReply={onReply} posted={posted} />;
  if (path === '/web/notifications') return <Notifications />;
  if (path === '/web/conversations') return <Conversations onReply={onReply} />;
  if (path === '/web/scheduled') return <ScheduledPosts />;
  const explore = path.match(/^\/web\/explore(?:\/(tags|links))?$/);
  if (explore) return <Explore tab={(explore[1] ?? 'posts') as ExploreTab} onReply={onReply} />;
  const tag = path.match(/^\/web\/tags\/([^/]+)$/);
  if (tag) return <TagTimeline key={tag[1]} tag={decodeURIComponent(tag[1]!)} onReply={onReply} />;
  if (path === '/web/links') return <LinkTimeline url={new URLSearchParams(location.search).get('url') ?? ''} onReply={onReply} />;
  if (path === '/web/search') return <Search onReply={onReply} />;
  if (path === '/web/settings/profile') return <EditProfile me={me} onSaved={setMe} />;
  if (path === '/web/settings/preferences') return <Preferences me={me} onSaved={setMe} />;
  if (path === '/web/lists') return <Lists />;
  if (path === '/web/filters') return <Filters />;
  if (path === '/web/follow_requests') return <FollowRequests me={me} />;
  if (path === '/web/moderation/reports') {
    return (
      <ModerationGate title="Reports" allowed={canManageReports(me)}>
        <AdminReports />
      </ModerationGate>
    );
  }
  if (path === '/web/moderation/accounts') {
    return (
      <ModerationGate title="Accounts" allowed={canManageUsers(me)}>
        <AdminAccounts me={me} />
      </ModerationGate>
    );
  }
  const report = path.match(/^\/web\/moderation\/reports\/(\d+)$/);
  if (report) {
    return (
      <ModerationGate title="Report" allowed={canManageReports(me)}>
        <AdminReportDetail id={report[1]!} me={me} />
      </ModerationGate>
    );
  }
  const list = path.match(/^\/web\/lists\/(\d+)$/);
  if (list) return <ListDetail key={list[1]} id={list[1]!} onReply={onReply} />;
  const thread = path.match(/^\/web\/statuses\/(\d+)$/);
  if (thread) return <Thread id={thread[1]!} onReply={onReply} />;
  const profile = path.match(/^\/web\/@([^/]+)$/);
  if (profile) return <Profile acct={decodeURIComponent(profile[1]!)} me={me} onReply={onReply} />;
  return (
    <Timeline key="home" source={SOURCES.home} onReply={onReply} posted={posted}>
      <Announcements />
    </Timeline>
  );
}
