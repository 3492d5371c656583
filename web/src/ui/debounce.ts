/** A trailing debounce with an explicit flush (blur, pagehide, route change must not lose input). */
export interface Debounced<T> {
  schedule(value: T): void;
  /** runs the pending call now, if any */
  flush(): void;
  pending(): boolean;
  cancel(): void;
}

export function debounce<T>(run: (value: T) => void, ms: number): Debounced<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest: { value: T } | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const next = latest;
    latest = null;
    if (next) run(next.value);
  };
  return {
    schedule(value) {
      latest = { value };
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, ms);
    },
    flush,
    pending: () => latest !== null,
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      latest = null;
    },
  };
}
