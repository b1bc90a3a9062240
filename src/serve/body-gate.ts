/**
 * At most `parallel` uploads read, parsed and checked at once, and `waiting` more queued; beyond that a request
 * is refused at once (BusyError). A body is read whole to be parsed (up to LIMITS.requestBytes) and a workbook
 * is opened in this process: without a gate, 150 evidence uploads sent together held 4.7 GB, and six large
 * workbooks made the office's pages wait seconds. A request waiting here has not been read: its bytes stay in
 * the network's buffers.
 */
export class BodyGate {
  #active = 0;
  readonly #queue: (() => void)[] = [];
  constructor(readonly parallel = 2, readonly waiting = 16) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active < this.parallel) {
      this.#active++;
    } else {
      if (this.#queue.length >= this.waiting) throw new BusyError();
      // the slot is handed over by the run that ends (active stays counted)
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.#queue.shift();
      if (next) next();
      else this.#active--;
    }
  }
}

export class BusyError extends Error {
  constructor() {
    super('同时提交的上传太多，服务器正忙，请过一两分钟再提交。');
  }
}
