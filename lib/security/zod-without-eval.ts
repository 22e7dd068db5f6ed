import { z } from 'zod';

// zod probes for eval (`Function('')`) to compile fast parsers; under our CSP (no 'unsafe-eval') the
// probe is refused and reported as a violation. Parse without it in the browser (imported by instrumentation-client.ts,
// so it is set before any module builds a schema: the flag is read when an object schema is built).
z.config({ jitless: true });
