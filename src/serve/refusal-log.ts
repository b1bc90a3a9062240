/**
 * Refusals of requests nobody signed (no link, a wrong one, a foreign Host) are written to the office's 记录 at
 * most `perMinute` a minute; the rest are counted, and the count is written when the next minute's first one
 * comes. Anyone on the network, or any page in the office's browser, can send such requests: 20,000 of them in
 * 13 s pushed every real upload and acceptance out of the 300 rows the page shows. Signed requests are all written.
 */
export class RefusalLog {
  #minute = -1;
  #written = 0;
  #skipped = 0;
  constructor(
    /** the count of refusals not written, and when their minute began (ms since the epoch) */
    private readonly summarize: (skipped: number, minuteStart: number) => void,
    readonly perMinute = 20,
    private readonly now: () => number = Date.now,
  ) {}

  /** one unsigned refusal: `write` is called, or the refusal is counted */
  refused(write: () => void): void {
    const minute = Math.floor(this.now() / 60_000);
    if (minute !== this.#minute) {
      if (this.#skipped) this.summarize(this.#skipped, this.#minute * 60_000);
      this.#minute = minute;
      this.#written = 0;
      this.#skipped = 0;
    }
    if (this.#written < this.perMinute) {
      this.#written++;
      write();
    } else {
      this.#skipped++;
    }
  }
}
