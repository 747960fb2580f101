/**
 * The one way pages load code on first use: a dynamic import that starts once
 * and is shared by every caller (components wrap it with `lazy`).
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
