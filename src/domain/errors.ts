/** Every refusal the service can give, by its stable machine-readable code (API.md). */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'email_taken'
  | 'weak_password'
  | 'invalid_credentials'
  | 'cannot_invite_self'
  | 'companies_cannot_connect'
  | 'already_connected'
  | 'invitation_pending'
  | 'not_eligible'
  | 'email_required'
  | 'email_mismatch'
  | 'recipient_not_accepting'
  | 'reinvite_cooldown'
  | 'reinvite_forbidden'
  | 'note_too_long'
  | 'note_invalid'
  | 'quota_exceeded'
  | 'captcha_required'
  | 'captcha_invalid'
  | 'connection_limit_reached'
  | 'invalid_state'
  | 'withdraw_unavailable'
  | 'resend_unavailable'
  | 'standing_not_liftable'
  | 'not_restricted'
  | 'member_flagged'
  | 'grant_limit_exceeded'
  | 'invalid_cursor'
  | 'idempotency_key_reused'
  | 'idempotency_in_progress'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'service_unavailable'
  | 'cannot_introduce_self'
  | 'not_connected_to_introducer'
  | 'introducer_not_connected_to_target'
  | 'introduction_pending'
  | 'introduction_limit_reached'
  | 'cannot_message_self'
  | 'cannot_report_self'
  | 'not_connected'
  | 'inmail_credits_exhausted'
  | 'import_too_many_rows'
  | 'import_row_too_long'
  | 'import_unrecognized'
  | 'import_timeout'
  | 'contacts_limit_reached'
  | 'cannot_follow_self'
  | 'invalid_image'
  | 'export_link_invalid'
  | 'wrong_password';

/** A refusal decided by a rule. `extra` lands in the problem document (`retryAfter`, `limit`, …). */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
