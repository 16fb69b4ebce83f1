import type { Db } from '../src/db/schema.js';
import { slotLedgers, storedReferences } from './ledger.repository.js';

export interface OversellCheck {
  slots: number;
  /** Slots holding more persons than their capacity. */
  oversold: number;
  /** Slots whose counter differs from the sum of their stored bookings. */
  counterMismatches: number;
  /** Bookings the client was told were made (201) but that are not stored. */
  lost: number;
  /** Stored bookings nobody was told about (no 201: the client saw an error or a timeout). */
  unannounced: number;
  passed: boolean;
}

/** Compares the database with what the clients were told: no slot over capacity, every 201 stored and nothing more. */
export async function checkOversell(db: Db, announced: string[]): Promise<OversellCheck> {
  const ledgers = await slotLedgers(db);
  const stored = new Set(await storedReferences(db));
  const told = new Set(announced);
  const oversold = ledgers.filter((l) => l.storedPersons > l.capacity || l.bookedPersons > l.capacity).length;
  const counterMismatches = ledgers.filter((l) => l.storedPersons !== l.bookedPersons).length;
  const lost = [...told].filter((r) => !stored.has(r)).length;
  const unannounced = [...stored].filter((r) => !told.has(r)).length;
  return {
    slots: ledgers.length,
    oversold,
    counterMismatches,
    lost,
    unannounced,
    passed: oversold === 0 && counterMismatches === 0 && lost === 0 && unannounced === 0,
  };
}
