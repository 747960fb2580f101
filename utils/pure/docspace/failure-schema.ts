import * as z from 'zod/mini';

// Every way a portal call can fail, as plain data: it crosses the message
// boundary to the UI, which picks the wording and the next step.
export const portalFailureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed-out') }),
  z.object({ kind: z.literal('forbidden'), message: z.optional(z.string()) }),
  z.object({ kind: z.literal('payment'), message: z.optional(z.string()) }),
  z.object({ kind: z.literal('not-found'), message: z.optional(z.string()) }),
  // The portal refused the input: a 400, or one of the 500s its cron parser throws.
  z.object({
    kind: z.literal('rejected'),
    status: z.number(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.array(z.string()))),
  }),
  z.object({ kind: z.literal('rate-limited'), retryAfterSec: z.optional(z.number()) }),
  z.object({ kind: z.literal('server'), status: z.number(), message: z.optional(z.string()), html: z.optional(z.boolean()) }),
  z.object({ kind: z.literal('timeout'), seconds: z.number() }),
  z.object({ kind: z.literal('offline'), message: z.optional(z.string()) }),
  z.object({ kind: z.literal('unexpected'), details: z.string() }),
  // The portal answered with a redirect, which is never followed.
  z.object({ kind: z.literal('redirected'), location: z.optional(z.string()) }),
  // The portal sent values out of range; `known` lists what could be read.
  z.object({ kind: z.literal('unreadable'), details: z.string(), known: z.optional(z.array(z.string())) }),
  z.object({ kind: z.literal('no-permission') }),
  z.object({ kind: z.literal('not-added') }),
  z.object({ kind: z.literal('internal'), message: z.string() }),
]);
