// A run stopped from outside (Ctrl-C, a cancelled request): what writers throw when their signal aborts.
export class AbortedError extends Error {
  constructor() {
    super("interrupted");
    this.name = "AbortError";
  }
}
