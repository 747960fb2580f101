/**
 * The one way code is loaded on first use: a dynamic import that starts once
 * and is shared by every caller (components wrap it with `lazy`). Pure: it runs in any context.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load();
    // A failed load (a chunk missing after an update) may be tried again.
    loading.catch(() => (loading = null));
    return loading;
  };
}
