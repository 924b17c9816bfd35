import type { MemberReportReason, MemberReportSource } from '../api/member-reports.js';

/** How a report's reason reads, for the member choosing it and the admin reading it. */
export const REPORT_REASON_TEXT: Record<MemberReportReason, { label: string; hint: string }> = {
  dont_know: { label: "I don't know this person", hint: 'They contact you as if you knew each other.' },
  spam: { label: 'Spam or advertising', hint: 'Unwanted sales pitches, links or repeated messages.' },
  fake_profile: { label: 'Fake profile', hint: 'The profile pretends to be someone, or no one real.' },
  harassment: { label: 'Harassment or abuse', hint: 'Threats, insults or unwanted advances.' },
};

export const REPORT_SOURCE_TEXT: Record<MemberReportSource, string> = {
  profile: 'from the profile',
  conversation: 'from a conversation',
};
