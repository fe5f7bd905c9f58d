// When to validate a document. The first change after a quiet spell is validated at once (a
// single edit gets its diagnostics without waiting); changes that follow each other closely are
// coalesced until the document has been quiet for the debounce interval. A run never overlaps
// another run of the same document; a change during a run triggers one more run after it, and
// every run reads the newest text, so the newest version always wins.

export const DEBOUNCE_MS = 100;

interface State {
  timer?: NodeJS.Timeout;
  lastChange: number;
  running: boolean;
  again: boolean;
}

export class ValidationScheduler {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly run: (uri: string) => Promise<void>,
    private readonly debounceMs = DEBOUNCE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  schedule(uri: string): void {
    let s = this.states.get(uri);
    if (!s) this.states.set(uri, (s = { lastChange: -Infinity, running: false, again: false }));
    const t = this.now();
    const quiet = t - s.lastChange >= this.debounceMs;
    s.lastChange = t;
    clearTimeout(s.timer);
    const state = s;
    // setTimeout(0) rather than running now lets messages already received (a burst of changes)
    // be read first.
    s.timer = setTimeout(() => this.fire(uri, state), quiet ? 0 : this.debounceMs);
  }

  /** Forget a closed document (a run in progress finishes; nothing more is scheduled). */
  cancel(uri: string): void {
    const s = this.states.get(uri);
    if (s) clearTimeout(s.timer);
    this.states.delete(uri);
  }

  private fire(uri: string, s: State): void {
    s.timer = undefined;
    if (this.states.get(uri) !== s) return;
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    void this.run(uri).finally(() => {
      s.running = false;
      if (s.again && this.states.get(uri) === s) {
        s.again = false;
        s.timer = setTimeout(() => this.fire(uri, s), 0);
      }
    });
  }
}
