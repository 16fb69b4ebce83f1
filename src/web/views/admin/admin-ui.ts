import type { StaffMember } from '../../../core/staff/staff.js';
import type { Ui } from '../ui.js';

/** What a back-office page needs beyond a public one: who is signed in, the form token, the idle limit. */
export interface AdminUi extends Ui {
  staff: StaffMember;
  csrf: string;
  idleTimeoutSeconds: number;
}
