import type { Problem, Quota } from './api-types.js';
import { ApiError } from './http.js';
import { formatDate, formatDateTime, plural } from './format.js';

const QUOTA_NAMES: Record<string, string> = {
  lifetime: 'your lifetime allotment of invitations',
  monthly: 'your invitations for this month',
  weekly: 'your invitations for this week',
};

/**
 * One human sentence for every refusal code the API can answer. The problem's own extra members
 * (`retryAfter`, `resetAt`, `limit`, `max`) make the sentence precise where they exist.
 */
export function problemSentence(problem: Problem): string {
  switch (problem.code) {
    case 'cannot_invite_self':
      return 'You cannot send an invitation to yourself.';
    case 'companies_cannot_connect':
      return 'Company pages cannot connect; follow them instead.';
    case 'already_connected':
      return 'You are already connected with this member.';
    case 'invitation_pending':
      return 'An invitation between the two of you is already waiting for an answer.';
    case 'not_eligible':
      return 'You can invite people within your 2nd-degree network. To invite someone further away, enter their email address.';
    case 'email_required':
      return problem.reason === 'sender_restricted'
        ? 'While your account is restricted, every invitation needs the email address of the person you invite.'
        : 'This member only accepts invitations from people who know their email address. Enter it to continue.';
    case 'email_mismatch':
      return 'That email address does not belong to this member. Check it and try again.';
    case 'recipient_not_accepting':
      return 'This member only accepts invitations from people they already know.';
    case 'reinvite_cooldown': {
      const when = typeof problem.retryAfter === 'string' ? formatDate(problem.retryAfter) : '';
      return when
        ? `You recently invited this member. You can invite them again on ${when}.`
        : 'You recently invited this member. You can invite them again later.';
    }
    case 'reinvite_forbidden':
      return 'This member cannot receive another invitation from you.';
    case 'note_too_long': {
      const max = typeof problem.max === 'number' ? problem.max : null;
      return max ? `Your note is too long: keep it to ${max} characters.` : 'Your note is too long; shorten it.';
    }
    case 'note_invalid':
      return 'Your note contains characters that cannot be sent. Remove unusual formatting and try again.';
    case 'quota_exceeded': {
      const what = QUOTA_NAMES[String(problem.limit)] ?? 'your invitation limit';
      const reset = typeof problem.resetAt === 'string' ? formatDate(problem.resetAt) : '';
      if (problem.limit === 'lifetime') return `You have used ${what}. Ask an administrator for more on the Standing page.`;
      return reset ? `You have used ${what}. You can send more on ${reset}.` : `You have used ${what}.`;
    }
    case 'captcha_required':
      return 'You have sent many invitations today, so each one now needs a short check that you are a person.';
    case 'captcha_invalid':
      return 'The automatic check did not pass or was already used. Try sending again.';
    case 'connection_limit_reached':
      return problem.who === 'recipient'
        ? 'This member has reached the maximum number of connections. You can follow them instead.'
        : 'You have reached the maximum number of connections.';
    case 'invalid_state':
      return 'This invitation has already been answered or is no longer pending.';
    case 'withdraw_unavailable':
      return 'This invitation can no longer be withdrawn.';
    case 'resend_unavailable': {
      const when = typeof problem.retryAfter === 'string' ? formatDateTime(problem.retryAfter) : '';
      return when ? `You can send a reminder on ${when}.` : 'This invitation cannot be resent any more.';
    }
    case 'forbidden':
      return 'You are not allowed to do this.';
    case 'not_found':
      return 'This could not be found. It may have been removed, or the member is not visible to you.';
    case 'standing_not_liftable':
      return 'This restriction cannot be lifted by yourself. An administrator has to review it.';
    case 'not_restricted':
      return 'Your account is not restricted.';
    case 'member_flagged':
      return 'This member is labelled as a spammer; more invitations cannot be granted.';
    case 'grant_limit_exceeded':
      return 'This grant is more than one member may receive this month.';
    case 'cannot_follow_self':
      return 'You cannot follow yourself.';
    case 'cannot_message_self':
      return 'You cannot write to yourself.';
    case 'not_connected':
      return 'You can message your connections, and anyone who has written to you. To write to someone else, connect first.';
    case 'inmail_credits_exhausted': {
      const credits = typeof problem.credits === 'number' ? problem.credits : null;
      return credits
        ? `You have used all ${credits} InMail credits for this month. Connect first, or write again next month.`
        : 'You have used all your InMail credits for this month.';
    }
    case 'cannot_introduce_self':
      return 'An introduction needs three different people.';
    case 'not_connected_to_introducer':
      return 'You can only ask your own connections for an introduction.';
    case 'introducer_not_connected_to_target':
      return 'Your connection is not connected with this member, so they cannot introduce you.';
    case 'introduction_pending':
      return 'An introduction between the two of you is already under way.';
    case 'introduction_limit_reached': {
      const limit = typeof problem.limit === 'number' ? problem.limit : null;
      return limit
        ? `You have asked for ${plural(limit, 'introduction')} this month, the most you can. You can ask again next month.`
        : 'You have used all your introduction requests for this month.';
    }
    case 'import_too_many_rows': {
      const max = typeof problem.maxRows === 'number' ? problem.maxRows.toLocaleString('en') : null;
      return max ? `This file has more than ${max} contacts. Split it into smaller files and import each.` : 'This file has too many contacts. Split it into smaller files.';
    }
    case 'import_row_too_long': {
      const line = typeof problem.line === 'number' ? ` near line ${problem.line}` : '';
      return `This file has a broken or very long line${line}, often a quote that is never closed. Export the file again and retry.`;
    }
    case 'import_unrecognized':
      return 'No email column was found in this file. Use a CSV exported from LinkedIn, Google Contacts or Outlook (or any CSV with an “Email” column), or a vCard file.';
    case 'import_timeout':
      return 'Reading this file took too long. Try again, or split it into smaller files.';
    case 'invalid_image':
      // The API says why: not an image, damaged, too many pixels, too small.
      return problem.detail || 'This image could not be used. Choose a JPEG, PNG or WebP photo.';
    case 'unsupported_media_type':
      return 'This kind of file cannot be imported. Choose a CSV or vCard (.vcf) file.';
    case 'email_taken':
      return 'An account with this email address already exists. Log in instead.';
    case 'invalid_credentials':
      return 'That email and password do not match an account.';
    case 'validation_failed':
      return validationSentence(problem);
    case 'unauthorized':
      return 'Your session has ended. Log in again.';
    case 'csrf_failed':
      return 'Your session could not be verified. Reload the page and try again.';
    case 'rate_limited': {
      const seconds = typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : null;
      if (seconds === null) return 'Too many requests in a short time. Wait a moment and try again.';
      const wait = seconds < 60 ? plural(seconds, 'second') : plural(Math.ceil(seconds / 60), 'minute');
      return problem.captchaRequired === true
        ? `There have been many attempts on this account or from your network. Try again in ${wait}, or let the automatic check run.`
        : `There have been too many attempts from your network. Try again in ${wait}.`;
    }
    case 'weak_password':
      // The API says why (a common or leaked password, repeats, a pattern, built from the address).
      return problem.detail || 'This password is too easy to guess. A few unrelated words make a strong password.';
    case 'payload_too_large': {
      const max = typeof problem.maxBytes === 'number' ? Math.round(problem.maxBytes / (1024 * 1024)) : null;
      return max ? `This file is too large: the limit is ${max} MB.` : 'What you sent is too large.';
    }
    case 'idempotency_key_reused':
    case 'idempotency_in_progress':
      return 'This request is already being handled. Wait a moment.';
    case 'invalid_cursor':
      return 'The list changed; reload the page.';
    case 'service_unavailable':
      return 'The service is starting or briefly unavailable. Try again in a moment.';
    case 'network_error':
      return 'The server could not be reached. Check your connection and try again.';
    case 'wrong_password':
      return 'That is not your password. Your account stays open.';
    default:
      return 'Something went wrong. Try again in a moment.';
  }
}

function validationSentence(problem: Problem): string {
  const errors = Array.isArray(problem.errors) ? (problem.errors as Array<{ path?: unknown; message?: unknown }>) : [];
  const first = errors[0];
  if (first && typeof first.message === 'string') {
    const field = Array.isArray(first.path) ? first.path.join('.') : typeof first.path === 'string' ? first.path : '';
    return field ? `Check the ${field.replace(/^\/?(body\.)?/, '')} field: it ${first.message}.` : `Check what you entered: ${first.message}.`;
  }
  return problem.detail ? `Check what you entered: ${problem.detail}` : 'Check what you entered and try again.';
}

/** The sentence for anything thrown by an API call. */
export function errorSentence(error: unknown): string {
  if (error instanceof ApiError) return problemSentence(error.problem);
  return 'Something went wrong. Try again in a moment.';
}

/**
 * The sentence for a profile's `canInvite.code`. That answer carries no extra members, so the
 * quota's own reset time fills in the date for `quota_exceeded`.
 */
export function canInviteSentence(code: string, quota: Quota): string {
  const problem: Problem = { type: 'about:blank', title: '', status: 0, detail: '', code };
  if (code === 'quota_exceeded') {
    if (quota.lifetimeUsed >= quota.lifetimeAllotment) problem.limit = 'lifetime';
    else if (quota.weeklyLimit !== null && quota.weeklyUsed >= quota.weeklyLimit) problem.limit = 'weekly';
    else {
      problem.limit = 'monthly';
      problem.resetAt = quota.monthlyResetsAt;
    }
  }
  return problemSentence(problem);
}
