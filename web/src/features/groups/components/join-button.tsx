import { useState } from 'react';
import { errorSentence } from '../../../ui/problem-text.js';
import { joinGroup, leaveGroup, type GroupListing } from '../api/groups.js';

/** Join or leave a group; answers the group as it now stands (count and membership) through `onChange`. */
export function JoinButton({ group, onChange, onError }: { group: GroupListing; onChange: (group: GroupListing) => void; onError: (message: string) => void }) {
  const [busy, setBusy] = useState(false);

  async function toggle() {
    setBusy(true);
    try {
      if (group.joined) {
        await leaveGroup(group.id);
        onChange({ ...group, joined: false, memberCount: Math.max(0, group.memberCount - 1) });
      } else {
        onChange((await joinGroup(group.id)).group);
      }
    } catch (caught) {
      onError(errorSentence(caught));
    } finally {
      setBusy(false);
    }
  }

  return group.joined ? (
    <button type="button" className="button secondary small" disabled={busy} onClick={() => void toggle()} aria-label={`Leave ${group.name}`}>
      Leave
    </button>
  ) : (
    <button type="button" className="button small" disabled={busy} onClick={() => void toggle()} aria-label={`Join ${group.name}`}>
      Join
    </button>
  );
}
