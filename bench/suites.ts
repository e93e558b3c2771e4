import { appendBenchmarks } from './event-store.bench.ts';
import { catchUpBenchmark } from './projection.bench.ts';
import { streamingBenchmark } from './streaming.bench.ts';
import { mediaBenchmark } from './media.bench.ts';
import { timelinesBenchmark } from './timelines.bench.ts';
import { fanOutBenchmark } from './fan-out.bench.ts';
import { rebuildBenchmark } from './rebuild.bench.ts';
import { coldStartBenchmark } from './cold-start.bench.ts';
import { federationOutboundBenchmark } from './federation-outbound.bench.ts';
import { federationInboundBenchmark } from './federation-inbound.bench.ts';

export interface Benchmark {
  name: string;
  run(scale: number, progress: (message: string) => void): Promise<Record<string, unknown>>;
}

export const benchmarks: Benchmark[] = [...appendBenchmarks, catchUpBenchmark, streamingBenchmark, mediaBenchmark, timelinesBenchmark, fanOutBenchmark, rebuildBenchmark, coldStartBenchmark, federationInboundBenchmark, federationOutboundBenchmark];
