import { z } from 'zod';

/**
 * How a check came out: `info` passed, `warning` passed but needs attention soon (a certificate
 * close to expiry), `error` failed.
 */
export const SEVERITIES = ['info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One promise of the platform checked against the live deployment. */
export interface AuditCheck {
  /** Stable, e.g. `tls-1.2-refused`. */
  id: string;
  title: string;
  ok: boolean;
  severity: Severity;
  /** What was observed, in a line. */
  finding: string;
}

/** A whole audit of one deployment (the shape of `groupz audit --json`). */
export interface AuditReport {
  url: string;
  /** When the audit started, ISO-8601 UTC. */
  at: string;
  checks: AuditCheck[];
  /** Every check passed. */
  ok: boolean;
}

/** Runs the audit of the platform's own public address, starting at `now`. */
export type SiteAuditor = (now: Date) => Promise<AuditReport>;

const checksSchema = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    ok: z.boolean(),
    severity: z.enum(SEVERITIES),
    finding: z.string(),
  }),
);

/** The stored checks (JSON text), validated on read. */
export function parseChecks(json: string): AuditCheck[] {
  return checksSchema.parse(JSON.parse(json));
}
