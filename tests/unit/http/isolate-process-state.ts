import { beforeEach } from 'vitest';
import { resetBreakers } from '@/lib/http/breaker';
import { setLogSink } from '@/lib/observability/log';
import { resetMetrics } from '@/lib/observability/metrics';

// Circuit breakers and metrics live for the whole process: each test starts from closed breakers and
// zeroed metrics, so one test's failures never make another fail fast. JSON logs stay out of the output.
beforeEach(() => {
  resetBreakers();
  resetMetrics();
  setLogSink(() => {});
});
