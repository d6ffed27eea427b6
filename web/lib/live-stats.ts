// A storm's numbers as they change: the server's event stream (text/event-stream of JSON snapshots) where
// it has one, else its statistics read every few seconds. Both give the same snapshot shape.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';

export interface LiveSnapshot {
  at: string;
  posts_started_total: number;
  per_minute: { minute: string; count: number }[];
  per_network: Record<string, number>;
  per_variant: { variant_id?: number; label?: string; position?: number; text?: string; posts?: number; count?: number }[];
  /** posts started per official addressed; empty when the storm addresses nobody */
  per_target: { target_id: number; name: string; count: number }[];
  funnel: { sent: number | null; clicked: number | null; page_views: number; posts_started: number };
}

interface StormStats {
  views: number;
  posts: { total: number; by_network: Record<string, number>; by_variant: LiveSnapshot['per_variant'];
    by_target?: { target_id: number; name: string; posts: number }[]; per_minute: { minute: string; posts: number }[] };
}

function fromStats(s: StormStats): LiveSnapshot {
  return {
    at: new Date().toISOString(),
    posts_started_total: s.posts.total,
    per_minute: s.posts.per_minute.map((p) => ({ minute: p.minute, count: p.posts })),
    per_network: s.posts.by_network,
    per_variant: s.posts.by_variant,
    per_target: (s.posts.by_target ?? []).map((x) => ({ target_id: x.target_id, name: x.name, count: x.posts })),
    funnel: { sent: null, clicked: null, page_views: s.views, posts_started: s.posts.total },
  };
}

export function useLiveStats(stormId: number): { snapshot: LiveSnapshot | undefined; live: boolean } {
  const [snapshot, setSnapshot] = useState<LiveSnapshot>();
  const [live, setLive] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      try {
        setSnapshot(fromStats(await api<StormStats>('GET', `/api/v1/storms/${stormId}/stats`)));
      } finally {
        if (!stopped) timer = setTimeout(poll, 5000);
      }
    };
    const source = new EventSource(`/api/v1/storms/${stormId}/live`);
    source.onmessage = (event) => {
      setLive(true);
      setSnapshot(JSON.parse(event.data as string) as LiveSnapshot);
    };
    source.onerror = () => {
      // the browser retries a dropped stream by itself; one that cannot be opened at all is closed
      if (source.readyState === EventSource.CLOSED && !stopped && timer === undefined) {
        setLive(false);
        void poll();
      }
    };
    return () => {
      stopped = true;
      source.close();
      clearTimeout(timer);
    };
  }, [stormId]);
  return { snapshot, live };
}
