import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to, and finds out whether it may by
// trying: under the app's Content-Security-Policy (script-src 'self', no 'unsafe-eval') the try is
// caught but still reported as a CSP violation. Read when each schema is built, so this module is
// imported first, before libs/contracts builds its schemas.
z.config({ jitless: true });
