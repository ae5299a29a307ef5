/** Millisecond latencies in 1 ms buckets (the last bucket takes everything slower): fixed memory. */
export class Histogram {
  private readonly buckets = new Uint32Array(120_001);
  count = 0;
  max = 0;

  record(ms: number): void {
    const bucket = Math.min(Math.max(0, Math.round(ms)), this.buckets.length - 1);
    this.buckets[bucket]!++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms]!;
      if (seen >= rank) return ms;
    }
    return this.buckets.length - 1;
  }
}
