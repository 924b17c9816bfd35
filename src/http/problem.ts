import type { FastifyReply } from 'fastify';
import type { DomainErrorCode } from '../domain/errors.js';

export type ProblemCode = DomainErrorCode | 'malformed_body' | 'internal_error' | 'method_not_allowed';

/** The HTTP status of every code; one table, so a code always answers the same status. */
export const statusOfCode: Record<ProblemCode, number> = {
  validation_failed: 422,
  malformed_body: 400,
  not_found: 404,
  method_not_allowed: 405,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  email_taken: 409,
  weak_password: 422,
  invalid_credentials: 401,
  cannot_invite_self: 422,
  companies_cannot_connect: 422,
  already_connected: 409,
  invitation_pending: 409,
  not_eligible: 403,
  email_required: 403,
  email_mismatch: 422,
  recipient_not_accepting: 403,
  reinvite_cooldown: 409,
  reinvite_forbidden: 409,
  note_too_long: 422,
  note_invalid: 422,
  quota_exceeded: 429,
  captcha_required: 428,
  captcha_invalid: 422,
  connection_limit_reached: 409,
  invalid_state: 409,
  withdraw_unavailable: 409,
  resend_unavailable: 409,
  standing_not_liftable: 409,
  not_restricted: 409,
  member_flagged: 409,
  grant_limit_exceeded: 409,
  invalid_cursor: 422,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
  cannot_introduce_self: 422,
  not_connected_to_introducer: 403,
  introducer_not_connected_to_target: 403,
  introduction_pending: 409,
  introduction_limit_reached: 429,
  cannot_message_self: 422,
  cannot_report_self: 422,
  not_connected: 403,
  inmail_credits_exhausted: 429,
  import_too_many_rows: 413,
  import_row_too_long: 422,
  import_unrecognized: 422,
  import_timeout: 422,
  contacts_limit_reached: 422,
  cannot_follow_self: 422,
  invalid_image: 422,
  export_link_invalid: 410,
  wrong_password: 403,
  internal_error: 500,
};

const titles: Partial<Record<ProblemCode, string>> = {
  validation_failed: 'The request is not valid',
  malformed_body: 'The request body could not be read',
  not_found: 'Not found',
  unauthorized: 'Sign in first',
  forbidden: 'Not allowed',
  quota_exceeded: 'Invitation limit reached',
  captcha_required: 'Solve the challenge to continue',
  rate_limited: 'Too many attempts',
  weak_password: 'Choose a stronger password',
  internal_error: 'Something went wrong on our side',
  service_unavailable: 'The service is briefly unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  [extra: string]: unknown;
}

export function problemOf(code: ProblemCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  const status = statusOfCode[code];
  return {
    ...extra,
    type: `https://rapport.dev/problems/${code.replace(/_/g, '-')}`,
    title: titles[code] ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    status,
    code,
    detail,
  };
}

export function sendProblem(reply: FastifyReply, code: ProblemCode, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  const problem = problemOf(code, detail, extra);
  if (typeof extra.retryAfterSeconds === 'number') reply.header('retry-after', extra.retryAfterSeconds);
  else if (code === 'quota_exceeded' || code === 'reinvite_cooldown' || code === 'rate_limited') {
    const retryAt = (extra.resetAt ?? extra.retryAfter) as string | null | undefined;
    if (retryAt) reply.header('retry-after', Math.max(0, Math.ceil((Date.parse(retryAt) - Date.now()) / 1000)));
  }
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
