import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { ReviewQueue } from '../../components/ReviewQueue.tsx';
import { ask } from '../../lib/ext/messaging.ts';
import { reviewKeys, reviewQuery } from '../../lib/ext/queries.ts';

/** The review page: the queue through the background (which holds the token and knows the role). */
export function ReviewApp() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const review = useQuery(reviewQuery(status));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
  return (
    <ReviewQueue
      list={review.data ?? null}
      error={review.isError ? review.error.message : null}
      status={status}
      refreshing={review.isFetching}
      onStatus={setStatus}
      onRefresh={refresh}
      onDecide={async (id, decision, note) => {
        const result = await ask('review:decide', { id, decision, ...(note ? { note } : {}) });
        if (result.ok) refresh();
        return result;
      }}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}
