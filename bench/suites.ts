import { appendBenchmarks } from './event-store.bench.ts';
import { catchUpBenchmark } from './projection.bench.ts';
import { socialBenchmark } from './social.bench.ts';
import { streamingBenchmark } from './streaming.bench.ts';
import { mediaBenchmark } from './media.bench.ts';
import { federationOutboundBenchmark } from './federation-outbound.bench.ts';
import { federationInboundBenchmark } from './federation-inbound.bench.ts';

export interface Benchmark {
  name: string;
  run(scale: number, progress: (message: string) => void): Promise<Record<string, unknown>>;
}

export const benchmarks: Benchmark[] = [...appendBenchmarks, catchUpBenchmark, socialBenchmark, streamingBenchmark, mediaBenchmark, federationInboundBenchmark, federationOutboundBenchmark];
