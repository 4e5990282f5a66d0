import "server-only";
// The integration keys senders present, kept in memory for a few seconds: a storm's every request would otherwise
// read the same key and its service's rules. A change on this server (a key revoked or edited, routing rules or the
// service changed) forgets them all at once, and a read that raced with such a change is not kept (the generation);
// on another server the change applies within TTL_MS. Kept on globalThis: Next's route bundles and the custom
// server's own modules share one.
const TTL_MS = 5_000;
const MAX_KEYS = 10_000;

interface Cached<K> {
  key: K | null;
  at: number;
}

const store = globalThis as unknown as { __connIngestKeys?: { generation: number; keys: Map<string, Cached<unknown>> } };
const cache = () => (store.__connIngestKeys ??= { generation: 0, keys: new Map() });

/** The key under this hash as read less than TTL_MS ago (null: known not to exist), or undefined when not cached. */
export function cachedKey<K>(hash: string, now = Date.now()): K | null | undefined {
  const hit = cache().keys.get(hash);
  if (!hit || now - hit.at > TTL_MS) return undefined;
  return hit.key as K | null;
}

/** Where a read starts: what it reads is kept only if nothing changed meanwhile. */
export const keyGeneration = () => cache().generation;

export function keepKey<K>(hash: string, key: K | null, generation: number, now = Date.now()) {
  const c = cache();
  if (c.generation !== generation) return;
  if (c.keys.size >= MAX_KEYS) c.keys.clear();
  c.keys.set(hash, { key, at: now });
}

/** A key, a service or its rules changed: every cached key is read again. */
export function forgetKeys() {
  const c = cache();
  c.generation++;
  c.keys.clear();
}
