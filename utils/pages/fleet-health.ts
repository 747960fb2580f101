import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import { healthItem, newerRecord } from '@/utils/extension/health-record';
import { checkedValue, getValues } from '@/utils/extension/storage-item';
import type { HealthRecord, PortalInfo } from '@/utils/pure/messages/protocol';
import { send } from './send';

const HEALTH_PREFIX = healthItem('').key;
/**
 * Answers come in bursts (the background writes them in batches): redraw at most this often.
 * Each redraw lays out the table of every row; 50 ms keeps a refresh of 500 portals to a few
 * dozen of them while a row still changes well within a glance.
 */
const FLUSH_MS = 50;

/**
 * Every portal's health record for the overview, kept current from extension
 * storage (one listener for all rows), and "Refresh all": one message; each row
 * is busy until its new record arrives, so a slow portal holds up nobody.
 */
export function useFleetHealth(portals: PortalInfo[]) {
  const [records, setRecords] = useState<ReadonlyMap<string, HealthRecord | null>>(new Map());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  // When the running refresh began (0: none): a record checked since then ends its row's wait.
  const since = useRef(0);
  const pending = useRef<{ records: Map<string, HealthRecord | null>; done: Set<string>; timer?: ReturnType<typeof setTimeout> }>({
    records: new Map(),
    done: new Set(),
  });

  const flush = () => {
    const p = pending.current;
    p.timer = undefined;
    lastFlush.current = Date.now();
    if (p.records.size) {
      const updates = p.records;
      p.records = new Map();
      setRecords((cur) => new Map([...cur, ...updates]));
    }
    if (p.done.size) {
      const done = p.done;
      p.done = new Set();
      setBusy((cur) => (cur.size ? new Set([...cur].filter((o) => !done.has(o))) : cur));
    }
  };
  // The first answer after a quiet spell is drawn at once; the rest of a burst waits its turn.
  const lastFlush = useRef(0);
  const later = () => (pending.current.timer ??= setTimeout(flush, Math.max(0, lastFlush.current + FLUSH_MS - Date.now())));

  useEffect(() => {
    let live = true;
    // Checked like any read (in a page: as the storage guard let it stand, utils/background/storage-guard.ts).
    void getValues(portals.map((p) => healthItem(p.origin))).then((got) => {
      if (!live) return;
      // A record that arrived while this read was out is newer than what it read.
      setRecords((cur) => new Map(portals.map((p, i) => [p.origin, newerRecord(cur.get(p.origin), got[i] ?? null)])));
    });
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      for (const [key, change] of Object.entries(changes)) {
        if (!key.startsWith(HEALTH_PREFIX)) continue;
        const origin = key.slice(HEALTH_PREFIX.length);
        void checkedValue<HealthRecord | null>(key, change.newValue, null).then((record) => {
          if (!live) return;
          pending.current.records.set(origin, record);
          if (since.current && record && record.checkedAt >= since.current) pending.current.done.add(origin);
          later();
        });
      }
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, [portals]);
  useEffect(() => () => clearTimeout(pending.current.timer), []);

  const refreshAll = () => {
    const started = Date.now();
    since.current = started;
    setBusy(new Set(portals.map((p) => p.origin)));
    // The records come through storage; the answer only ends the refresh (and the wait of any
    // portal that got no new record: removed meanwhile, or the background failed).
    void send({ type: 'health.checkAll' })
      .catch(() => undefined)
      .then(() => {
        if (since.current !== started) return;
        since.current = 0;
        flush();
        setBusy(new Set());
      });
  };

  return { records, busy, refreshAll };
}
