import type { AuditCheck } from '../core/self-audit/self-audit.js';

/** A check that passed. */
export function pass(id: string, title: string, finding: string): AuditCheck {
  return { id, title, ok: true, severity: 'info', finding };
}

/** A check that passed but needs attention soon. */
export function warn(id: string, title: string, finding: string): AuditCheck {
  return { id, title, ok: true, severity: 'warning', finding };
}

export function fail(id: string, title: string, finding: string): AuditCheck {
  return { id, title, ok: false, severity: 'error', finding };
}

/** Passes when `problem` is null, else fails with it. */
export function verdict(id: string, title: string, problem: string | null, fine: string): AuditCheck {
  return problem === null ? pass(id, title, fine) : fail(id, title, problem);
}
