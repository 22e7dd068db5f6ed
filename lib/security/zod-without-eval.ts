import { z } from 'zod';

// zod probes for eval (`Function('')`) to compile fast parsers; under our CSP (no 'unsafe-eval') the
// probe is refused and reported as a violation. Parse without it in the browser.
z.config({ jitless: true });
