// Group commit for alert deliveries: what arrives while a transaction is running waits for the next one, and then
// all of it goes in together, so a storm costs a few transactions a second instead of one per request. Nothing waits
// on a timer: an alert that arrives when nothing is running starts a transaction at once. Each caller is answered
// only when the transaction holding its item has committed; if a shared transaction fails, each of its items is run
// again alone, so one bad delivery fails only its own request.
export interface GroupCommitOptions<I> {
  /** Transactions running at once (each on its own connection). */
  lanes: number;
  /** At most this many items in one transaction… */
  maxItems: number;
  /** …and at most this much weight (alerts), unless one item alone weighs more. */
  maxWeight: number;
  weight: (item: I) => number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private running = 0;

  /** `commit` stores the items in one transaction and gives each one's result, in order. */
  constructor(
    private readonly commit: (items: I[]) => Promise<O[]>,
    private readonly opts: GroupCommitOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a transaction (not yet in one). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump() {
    while (this.running < this.opts.lanes && this.queue.length > 0) {
      const batch = this.take();
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private take(): Waiting<I, O>[] {
    const batch = [this.queue.shift()!];
    let weight = this.opts.weight(batch[0]!.item);
    while (this.queue.length > 0 && batch.length < this.opts.maxItems) {
      const next = this.opts.weight(this.queue[0]!.item);
      if (weight + next > this.opts.maxWeight) break;
      weight += next;
      batch.push(this.queue.shift()!);
    }
    return batch;
  }

  private async run(batch: Waiting<I, O>[]) {
    try {
      const results = await this.commit(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // Nothing of the shared transaction was kept: each item alone, so only the one that fails is refused.
      for (const w of batch) {
        try {
          w.resolve((await this.commit([w.item]))[0]!);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }
}
