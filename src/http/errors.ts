import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDomainError } from '../domain/errors.js';
import { pgErrorCode } from '../db/transaction.js';
import { sendProblem } from './problem.js';

// Connection refused/reset, and PostgreSQL shutting down or not accepting connections yet.
const DATABASE_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

function isDatabaseDown(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code && DATABASE_DOWN.has(code)) return true;
  const message = (error as Error | undefined)?.message ?? '';
  return /Connection terminated|connection timeout|the embedded database is closed/i.test(message);
}

/** Maps every error to a problem document with a stable code; only our own faults answer 5xx. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) return sendProblem(reply, error.code, error.message, error.extra);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        path: `${error.validationContext ?? 'body'}${issue.instancePath.replace(/\//g, '.')}`,
        message: issue.message ?? 'is not valid',
      }));
      const first = errors[0];
      return sendProblem(reply, 'validation_failed', first ? `${first.path}: ${first.message}` : 'The request is not valid.', { errors });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, 'payload_too_large', 'The request body is larger than the 1 MiB this API accepts.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, 'unsupported_media_type', 'Send the request body as application/json.');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, 'malformed_body', 'The request says it carries JSON but the body is empty.');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(reply, 'malformed_body', 'The request body is not valid JSON.');
    }
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendProblem(reply, 'malformed_body', `The request could not be read: ${error.message}`);
    }
    if (error.statusCode === 413) return sendProblem(reply, 'payload_too_large', 'The request is too large.');
    if (error.statusCode === 415) return sendProblem(reply, 'unsupported_media_type', 'Send the request body as application/json.');
    // PostgreSQL refuses the NUL character in text (22021): it is bad input, not our fault.
    if (pgErrorCode(error) === '22021') return sendProblem(reply, 'validation_failed', 'Text cannot contain the NUL character.');
    if (isDatabaseDown(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', 5);
      return sendProblem(reply, 'service_unavailable', 'The database is unavailable; try again in a few seconds.');
    }
    if (isResponseSerializationError(error)) request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    else request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'internal_error', 'Something went wrong on our side. It has been logged.', { requestId: request.id });
  });
}
