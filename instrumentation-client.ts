import { z } from "zod";

// zod probes `new Function` to speed up parsing; under the CSP (no 'unsafe-eval') that probe is a
// reported violation. Parsing without it is as correct and fast enough for forms.
z.config({ jitless: true });
