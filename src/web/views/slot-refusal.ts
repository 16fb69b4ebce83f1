import { heldElsewhere, remainingPersons, type Slot } from '../../core/availability/slot.js';
import type { DomainErrorCode } from '../../core/shared/errors.js';
import type { Ui } from './ui.js';

/** Whether a slot has no place left for anyone: "Full", not "0 places left". */
export function isFull(slot: Slot): boolean {
  return remainingPersons(slot) <= 0;
}

/** Why a group cannot book a slot, as the booking form says it: a full slot is called full. */
export function slotRefusalText(ui: Ui, slot: Slot, code: DomainErrorCode): string {
  if (code === 'slot_full' && heldElsewhere(slot)) return ui.t('slot.resource_taken');
  return code === 'slot_full' && isFull(slot) ? ui.t('slot.full_refusal') : ui.t(`error.${code}`);
}
