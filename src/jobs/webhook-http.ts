import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/**
 * One webhook POST over node:http(s), with the connection's DNS lookup given by the caller (the
 * guarded lookup that pins the checked addresses, which `fetch` cannot take without a second HTTP
 * client). Redirects are not followed; the answer's body is discarded. Answers the status code.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: { lookup: LookupFunction; timeoutMs: number }): Promise<number> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const outgoing = request(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: options.lookup, timeout: options.timeoutMs },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
