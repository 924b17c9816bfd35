import { useEffect, useState } from 'react';
import type { Introduction } from '../../../ui/api-types.js';
import { Notice, PageTitle, Spinner } from '../../../ui/components.js';
import { errorSentence } from '../../../ui/problem-text.js';
import { Link } from '../../../ui/router.js';
import { getIntroduction } from '../api/introductions.js';
import { IntroductionCard } from './introductions-page.js';

const TAB_OF: Record<Introduction['role'], string> = { introducer: 'introducer', target: 'target', requester: 'requester' };

/** One introduction: where the introduction mails link (`/introductions/{id}`). */
export function IntroductionPage({ id }: { id: string }) {
  const [item, setItem] = useState<Introduction | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    getIntroduction(id)
      .then((answer) => setItem(answer.introduction))
      .catch((caught) => {
        setFailed(true);
        setMessage({ kind: 'error', text: errorSentence(caught) });
      });
  }, [id]);

  return (
    <>
      <PageTitle>Introduction</PageTitle>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {item ? (
        <ul className="cards" data-testid="introductions">
          <IntroductionCard item={item} onChanged={setItem} onMessage={setMessage} />
        </ul>
      ) : failed ? null : (
        <Spinner />
      )}
      <p className="muted small back-link">
        <Link to={item ? `/introductions?tab=${TAB_OF[item.role]}` : '/introductions'}>All your introductions</Link>
      </p>
    </>
  );
}
