// The loss history as the page keeps it: every epoch up to MAX_KEPT, then thinned so that it
// never holds more than MAX_KEPT records however long Play runs (10 minutes at 1,000 epochs a
// second would otherwise be 600,000 records). Each time it fills up, every other record is
// dropped and from then on only every (2 x stride)-th epoch is kept; the newest record is always
// kept too. The chart draws at most ~1,500 points (components/LossChart.tsx), so it shows the
// same curve.
import type { EpochRecord } from '../lib/types';

const MAX_KEPT = 4096;

export class LossHistory {
  /** Records kept, in epoch order; records[i] is the history's record number index[i]. */
  readonly records: EpochRecord[] = [];
  private readonly index: number[] = [];
  /** Records in the engine's history that the page has taken (kept or thinned out). */
  length = 0;
  private stride = 1;
  /** The newest record, kept even when the stride skips it. */
  private newest: EpochRecord | null = null;

  /** The history from record `from` on is `records` (the page's own from there on is dropped). */
  update(from: number, records: EpochRecord[]): void {
    if (from < this.length) this.truncate(from);
    for (const r of records) {
      const i = this.length++;
      this.newest = r;
      if (i % this.stride !== 0) continue;
      this.records.push(r);
      this.index.push(i);
      if (this.records.length > MAX_KEPT) this.thin();
    }
  }

  /** What the chart draws: the kept records and the newest. */
  points(): EpochRecord[] {
    const n = this.records.length;
    if (this.newest && (n === 0 || this.records[n - 1] !== this.newest)) return [...this.records, this.newest];
    return this.records;
  }

  private truncate(from: number): void {
    let keep = this.index.length;
    while (keep > 0 && this.index[keep - 1] >= from) keep--;
    this.records.length = this.index.length = keep;
    this.length = from;
    this.newest = keep > 0 ? this.records[keep - 1] : null;
    if (from === 0) this.stride = 1;
  }

  private thin(): void {
    this.stride *= 2;
    let w = 0;
    for (let r = 0; r < this.records.length; ++r) {
      if (this.index[r] % this.stride !== 0) continue;
      this.records[w] = this.records[r];
      this.index[w++] = this.index[r];
    }
    this.records.length = this.index.length = w;
  }
}
