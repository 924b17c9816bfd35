import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Webhook, WebhookDelivery } from '../../../ui/api-types.js';
import { Dialog, Notice, Spinner } from '../../../ui/components.js';
import { formatDate, formatDateTime } from '../../../ui/format.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { createWebhook, deleteWebhook, enableWebhook, listDeliveries, listWebhooks, WEBHOOK_TOPICS } from '../api/webhooks.js';

const DELIVERY_STATUS: Record<string, string> = { delivered: 'Delivered', pending: 'Retrying', failed: 'Gave up' };

const FIRST_DELIVERIES = 8;

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const [items, setItems] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  useEffect(() => {
    listDeliveries(webhook.id)
      .then((answer) => setItems(answer.items))
      .catch((caught) => setError(errorSentence(caught)));
  }, [webhook.id]);
  if (error) return <p className="refusal small">{error}</p>;
  if (items === null) return <Spinner />;
  if (items.length === 0) return <p className="muted small">No deliveries yet. Each event this endpoint subscribes to is sent here, signed.</p>;
  const shown = all ? items : items.slice(0, FIRST_DELIVERIES);
  return (
    <>
      <div className="table-scroll" role="region" aria-label={`Delivery log of ${webhook.url}`} tabIndex={0}>
        <table className="policy deliveries" data-testid="delivery-log">
          <caption className="visually-hidden">Latest deliveries to {webhook.url}</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Outcome</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Queued</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((delivery) => (
              <tr key={delivery.id}>
                <td>
                  <code>{delivery.topic}</code>
                </td>
                <td>
                  <span className={`badge delivery-${delivery.status}`}>{DELIVERY_STATUS[delivery.status] ?? delivery.status}</span>
                </td>
                <td>{delivery.attempts}</td>
                <td>{delivery.lastError ?? (delivery.lastStatus !== null ? `HTTP ${delivery.lastStatus}` : '—')}</td>
                <td>{formatDateTime(delivery.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length > shown.length ? (
        <button type="button" className="button link small" onClick={() => setAll(true)}>
          Show all {items.length} deliveries
        </button>
      ) : null}
    </>
  );
}

function SecretNotice({ secret, url, onDone }: { secret: string; url: string; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const codeRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      // No clipboard access (plain http, or denied): select the text for Ctrl+C / ⌘C instead.
      const range = document.createRange();
      if (codeRef.current) range.selectNodeContents(codeRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  }
  return (
    <div className="notice notice-warning secret" data-testid="webhook-secret-notice">
      <h3 tabIndex={-1} ref={headingRef}>
        Copy the signing secret now
      </h3>
      <p>
        It is shown only this once. {url} receives every delivery signed with it (Standard Webhooks: check the <code>webhook-signature</code> header).
      </p>
      <p className="secret-row">
        <code ref={codeRef} data-testid="webhook-secret">
          {secret}
        </code>
        <button type="button" className="button secondary small" onClick={() => void copy()}>
          Copy
        </button>
      </p>
      <p className="small" role="status">
        {copied ?? ''}
      </p>
      <button type="button" className="button small" onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}

/** Admin: webhook endpoints for integrations — register, see the signing secret once, switch back on, delivery log. */
export function WebhooksPanel() {
  const [items, setItems] = useState<Webhook[] | null>(null);
  const [url, setUrl] = useState('');
  const [all, setAll] = useState(false);
  const [topics, setTopics] = useState<Set<string>>(new Set(['invitation.sent', 'invitation.accepted']));
  const [created, setCreated] = useState<{ secret: string; url: string } | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Webhook | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { url: useId(), urlHelp: useId(), all: useId() };

  const load = useCallback(async () => {
    try {
      setItems((await listWebhooks()).items);
    } catch (caught) {
      setItems([]);
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (items !== null && window.location.hash === '#webhooks') document.getElementById('webhooks')?.scrollIntoView();
  }, [items]);

  async function register(event: FormEvent) {
    event.preventDefault();
    const events = all ? ['*'] : [...topics];
    if (events.length === 0) {
      setMessage({ kind: 'error', text: 'Choose at least one event to send to this endpoint.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const answer = await createWebhook(url.trim(), events);
      setCreated({ secret: answer.secret, url: answer.webhook.url });
      setUrl('');
      await load();
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    } finally {
      setBusy(false);
    }
  }

  async function run(action: () => Promise<unknown>, text: string) {
    setMessage(null);
    try {
      await action();
      await load();
      setMessage({ kind: 'success', text });
    } catch (caught) {
      setMessage({ kind: 'error', text: errorSentence(caught) });
    }
  }

  function toggle(topic: string, on: boolean) {
    setTopics((old) => {
      const next = new Set(old);
      if (on) next.add(topic);
      else next.delete(topic);
      return next;
    });
  }

  return (
    <section className="panel" id="webhooks" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="muted">
        Rapport posts each chosen event to your endpoint, signed, and retries failed deliveries. An endpoint that keeps failing is switched off and
        administrators are notified.
      </p>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {created ? (
        <SecretNotice secret={created.secret} url={created.url} onDone={() => setCreated(null)} />
      ) : (
        <form className="stack webhook-form" onSubmit={register} aria-label="Register a webhook endpoint">
          <h3>Register an endpoint</h3>
          <div className="field">
            <label htmlFor={ids.url}>Endpoint URL</label>
            <input
              id={ids.url}
              type="url"
              inputMode="url"
              required
              placeholder="https://example.com/hooks/rapport"
              aria-describedby={ids.urlHelp}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
            <p className="hint" id={ids.urlHelp}>
              An http or https address that answers 2xx quickly.
            </p>
          </div>
          <fieldset className="checks">
            <legend>Events to send</legend>
            <label className="check" htmlFor={ids.all}>
              <input id={ids.all} type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
              All events, including ones added later
            </label>
            <div className="topic-grid">
              {WEBHOOK_TOPICS.map(({ topic, label }) => (
                <label key={topic} className="check topic">
                  <input type="checkbox" disabled={all} checked={all || topics.has(topic)} onChange={(e) => toggle(topic, e.target.checked)} />
                  <span>
                    {label} <code className="muted small">{topic}</code>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="actions left">
            <button type="submit" className="button" disabled={busy}>
              Register endpoint
            </button>
          </div>
        </form>
      )}

      <h3>Endpoints</h3>
      {items === null ? (
        <Spinner />
      ) : items.length === 0 ? (
        <p className="muted">No endpoints yet.</p>
      ) : (
        <ul className="cards" data-testid="webhook-list">
          {items.map((webhook) => (
            <li key={webhook.id} className="card webhook" data-testid="webhook" data-enabled={webhook.enabled ? 'true' : 'false'}>
              <div className="webhook-head">
                <code className="webhook-url">{webhook.url}</code>
                {webhook.enabled ? (
                  <span className="badge status-accepted">On</span>
                ) : (
                  <span className="badge status-off">Off</span>
                )}
              </div>
              {!webhook.enabled ? <p className="small refusal">Switched off{webhook.disabledReason ? `: ${webhook.disabledReason}` : ''}.</p> : null}
              <p className="small muted">
                {webhook.events.includes('*') ? 'All events' : webhook.events.join(', ')} · registered {formatDate(webhook.createdAt)}
              </p>
              <div className="actions left">
                {!webhook.enabled ? (
                  <button type="button" className="button small" onClick={() => void run(() => enableWebhook(webhook.id), `${webhook.url} is switched back on.`)}>
                    Switch back on
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button secondary small"
                  aria-expanded={openLog === webhook.id}
                  onClick={() => setOpenLog((old) => (old === webhook.id ? null : webhook.id))}
                >
                  Delivery log
                </button>
                <button type="button" className="button link small" onClick={() => setRemoving(webhook)}>
                  Remove
                </button>
              </div>
              {openLog === webhook.id ? <DeliveryLog webhook={webhook} /> : null}
            </li>
          ))}
        </ul>
      )}
      {removing ? (
        <Dialog title="Remove this endpoint?" open onClose={() => setRemoving(null)}>
          <p>
            <code className="webhook-url">{removing.url}</code> will get no more deliveries, and its delivery log goes with it. To pause it instead, fix
            the endpoint: a failing one is switched off by itself.
          </p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setRemoving(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                const target = removing;
                setRemoving(null);
                void run(() => deleteWebhook(target.id), `Removed ${target.url}.`);
              }}
            >
              Remove endpoint
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
