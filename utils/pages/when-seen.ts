/**
 * Calls `seen` once, when the element comes within a screen's height of the viewport; returns the
 * cancel function. One observer for every element: a list of 500 portals needs no 500 observers.
 * Without IntersectionObserver, at once.
 */
let observer: IntersectionObserver | undefined;
const waiting = new Map<Element, () => void>();

export function whenSeen(element: Element, seen: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    seen();
    return () => undefined;
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const callback = waiting.get(entry.target);
        waiting.delete(entry.target);
        observer?.unobserve(entry.target);
        callback?.();
      }
    },
    { rootMargin: '100% 0px' },
  );
  waiting.set(element, seen);
  observer.observe(element);
  return () => {
    waiting.delete(element);
    observer?.unobserve(element);
  };
}
